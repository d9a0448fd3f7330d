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
})
