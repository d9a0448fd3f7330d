import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown.ts'
import { exportDocument, type PmJson } from './model.ts'

const text = (value: string, marks: NonNullable<PmJson['marks']> = []): PmJson => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks } : {}),
})

describe('Markdown export', () => {
  it('[V5] escapes what people wrote and keeps emphasis markers tight around words', () => {
    const doc: PmJson = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('# geen kop, *geen nadruk* [of link]')] },
        {
          type: 'paragraph',
          content: [text('Heel '), text('belangrijk ', [{ type: 'bold' }]), text('nu')],
        },
        { type: 'paragraph', content: [text('1. geen lijst')] },
        {
          type: 'paragraph',
          content: [text('Kwaad', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])],
        },
      ],
    }
    const md = renderMarkdown(exportDocument({ title: 'T', status: 'definitief' }, doc, null))
    expect(md).toBe(
      '# T\n\nStatus: Definitief. Huidige tekst.\n\n' +
        '\\# geen kop, \\*geen nadruk\\* \\[of link\\]\n\n' +
        'Heel **belangrijk** nu\n\n' +
        '1\\. geen lijst\n\n' +
        'Kwaad\n',
    )
  })

  it('[V5] nests list items under their marker and quotes every line', () => {
    const item = (value: string, ...rest: PmJson[]): PmJson => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: [text(value)] }, ...rest],
    })
    const doc: PmJson = {
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          attrs: { start: 9 },
          content: [item('negen', { type: 'bulletList', content: [item('a')] }), item('tien')],
        },
        {
          type: 'blockquote',
          content: [
            { type: 'paragraph', content: [text('een'), { type: 'hardBreak' }, text('twee')] },
          ],
        },
      ],
    }
    const md = renderMarkdown(exportDocument({ title: 'T', status: 'concept' }, doc, null))
    expect(md.split('\n\n').slice(2).join('\n\n')).toBe(
      '9. negen\n   - a\n10. tien\n\n> een\\\n> twee\n',
    )
  })

  it('[W1] a table without a header row gets an empty head; merged cells keep their text in their first place', () => {
    const cell = (value: string, attrs?: Record<string, unknown>): PmJson => ({
      type: 'tableCell',
      ...(attrs ? { attrs } : {}),
      content: [{ type: 'paragraph', content: [text(value)] }],
    })
    const doc: PmJson = {
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [cell('Breed', { colspan: 2 }), cell('Hoog', { rowspan: 2 })],
            },
            { type: 'tableRow', content: [cell('a'), cell('b')] },
          ],
        },
      ],
    }
    const md = renderMarkdown(exportDocument({ title: 'T', status: 'concept' }, doc, null))
    expect(md.split('\n\n').slice(2).join('\n\n')).toBe(
      '|   |   |   |\n| --- | --- | --- |\n| Breed |   | Hoog |\n| a | b |   |\n',
    )
  })

  it('[W1] footnotes are numbered in text order, also in a table, with their texts at the end', () => {
    const note = (value: string): PmJson => ({ type: 'footnote', content: [text(value)] })
    const doc: PmJson = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('Een'), note('eerste')] },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                {
                  type: 'tableHeader',
                  content: [
                    { type: 'paragraph', content: [text('Twee'), note('tweede *nadruk*')] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }
    const md = renderMarkdown(exportDocument({ title: 'T', status: 'concept' }, doc, null))
    expect(md.split('\n\n').slice(2).join('\n\n')).toBe(
      'Een[^1]\n\n| Twee[^2] |\n| --- |\n\n[^1]: eerste\n[^2]: tweede \\*nadruk\\*\n',
    )
  })
})
