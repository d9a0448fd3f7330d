import { getSchema } from '@tiptap/core'
import { Node } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { createSchemaExtensions } from '../../shared/schema.ts'
import { htmlToDoc } from './htmlToDoc.ts'

const schema = getSchema(createSchemaExtensions())

/** Converts and checks against the shared schema, as the import does. */
function convert(html: string) {
  const { doc } = htmlToDoc(html)
  Node.fromJSON(schema, doc).check()
  return doc.content ?? []
}

const text = (value: string, marks?: unknown[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
})
const p = (...content: unknown[]) => ({ type: 'paragraph', content })

describe('mammoth HTML to the shared schema', () => {
  it('[V5] headings 4–6 become 3; entities and line breaks are read', () => {
    expect(convert('<h4>Vier &amp; meer</h4><p>a<br />b&#39;s &#x2019;</p>')).toEqual([
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Vier & meer' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a' },
          { type: 'hardBreak' },
          { type: 'text', text: "b's \u2019" },
        ],
      },
    ])
  })

  it('[V5] a list item that starts with a list gets an empty paragraph first; stray text is a paragraph', () => {
    const [list, loose] = convert('<ul><li><ol><li>Diep</li></ol></li></ul>los')
    expect(list).toEqual({
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph' },
            {
              type: 'orderedList',
              content: [
                {
                  type: 'listItem',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Diep' }] }],
                },
              ],
            },
          ],
        },
      ],
    })
    expect(loose).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'los' }] })
  })

  it('[W1] a table keeps its header row, merged cells, paragraphs and lists; underline, strikethrough and highlight stay', () => {
    const html =
      '<table><thead><tr><th><p>Kop</p></th><th><h2>Tweede</h2></th></tr></thead><tbody>' +
      '<tr><td><p>Cel 1</p><p><u>Cel</u> <s>2</s><img src="" /></p></td><td><ul><li>punt</li></ul></td></tr>' +
      '<tr><td colspan="2" rowspan="1"><blockquote><p><mark>Breed</mark></p></blockquote></td></tr>' +
      '<tr></tr></tbody></table>'
    const [table] = convert(html)
    const cell = (type: string, content: unknown[], attrs?: unknown) => ({
      type,
      ...(attrs ? { attrs } : {}),
      content,
    })
    expect(table).toEqual({
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            cell('tableHeader', [p(text('Kop'))]),
            cell('tableHeader', [p(text('Tweede'))]),
          ],
        },
        {
          type: 'tableRow',
          content: [
            cell('tableCell', [
              p(text('Cel 1')),
              p(text('Cel', [{ type: 'underline' }]), text(' '), text('2', [{ type: 'strike' }])),
            ]),
            cell('tableCell', [
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('punt'))] }] },
            ]),
          ],
        },
        {
          type: 'tableRow',
          content: [
            // A quote cannot stand in a cell: its paragraphs do.
            cell('tableCell', [p(text('Breed', [{ type: 'highlight' }]))], { colspan: 2 }),
          ],
        },
        { type: 'tableRow', content: [] },
      ],
    })
  })

  it('[W1] a table inside a list keeps its words as paragraphs and is reported', () => {
    const { doc, dropped } = htmlToDoc(
      '<ul><li>Voor<table><tr><td><p>In de cel</p></td></tr></table></li></ul>',
    )
    Node.fromJSON(schema, doc).check()
    expect(doc.content?.[0]?.content?.[0]?.content).toEqual([p(text('Voor')), p(text('In de cel'))])
    expect(dropped).toEqual([{ what: 'tableInside', count: 1 }])
    // The positive twin: the same table in the text itself is a table and nothing is reported.
    const top = htmlToDoc('<table><tr><td><p>In de cel</p></td></tr></table>')
    expect(top.doc.content?.[0]?.type).toBe('table')
    expect(top.dropped).toEqual([])
  })

  it('[W1] mammoth’s footnotes become footnote nodes holding their text; the list at the end is not text', () => {
    const html =
      '<p>Gemeenten<sup><a href="#footnote-2" id="footnote-ref-2">[1]</a></sup> besluiten' +
      '<sup><a href="#endnote-1" id="endnote-ref-1">[1]</a></sup>.</p>' +
      '<ol><li id="footnote-2"><p>Zie <em>de brief</em>.</p><p>En verder. <a href="#footnote-ref-2">↑</a></p></li></ol>' +
      '<ol><li id="endnote-1"><p>Een eindnoot. <a href="#endnote-ref-1">↑</a></p></li></ol>'
    expect(convert(html)).toEqual([
      p(
        text('Gemeenten'),
        {
          type: 'footnote',
          content: [
            text('Zie '),
            text('de brief', [{ type: 'italic' }]),
            text('.'),
            { type: 'hardBreak' },
            text('En verder.'),
          ],
        },
        text(' besluiten'),
        { type: 'footnote', content: [text('Een eindnoot.')] },
        text('.'),
      ),
    ])
  })

  it('[V5] unsafe links give their text; safe ones keep their marks', () => {
    const html =
      '<p><a href="javascript:alert(1)">klik</a> <a href="mailto:a@b.nl"><strong>mail</strong></a></p>'
    expect(convert(html)).toEqual([
      p(
        text('klik'),
        text(' '),
        text('mail', [{ type: 'link', attrs: { href: 'mailto:a@b.nl' } }, { type: 'bold' }]),
      ),
    ])
  })

  it('[V5] markup in the text stays text: nothing is read as a tag twice', () => {
    expect(convert('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>' }] },
    ])
  })
})
