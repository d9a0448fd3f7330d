import { getSchema } from '@tiptap/core'
import { Node } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { createSchemaExtensions } from '../../shared/schema.ts'
import { htmlToDoc } from './htmlToDoc.ts'

const schema = getSchema(createSchemaExtensions())

/** Converts and checks against the shared schema, as the import does. */
function convert(html: string) {
  const json = htmlToDoc(html)
  Node.fromJSON(schema, json).check()
  return json.content ?? []
}

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

  it('[V5] tables give their cells’ paragraphs; images, underline and unsafe links give text or nothing', () => {
    const html =
      '<table><tr><td><p>Cel 1</p></td><td><p><u>Cel</u> 2<img src="data:x" /></p></td></tr></table>' +
      '<p><a href="javascript:alert(1)">klik</a> <a href="mailto:a@b.nl"><strong>mail</strong></a></p>'
    expect(convert(html)).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Cel 1' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Cel' },
          { type: 'text', text: ' 2' },
        ],
      },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'klik' },
          { type: 'text', text: ' ' },
          {
            type: 'text',
            text: 'mail',
            marks: [{ type: 'link', attrs: { href: 'mailto:a@b.nl' } }, { type: 'bold' }],
          },
        ],
      },
    ])
  })

  it('[V5] markup in the text stays text: nothing is read as a tag twice', () => {
    expect(convert('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>' }] },
    ])
  })
})
