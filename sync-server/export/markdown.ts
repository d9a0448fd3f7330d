/**
 * The text as Markdown (contract V5): `#` headings, `-` and `1.` lists indented
 * under their item, `>` quotes, `**bold**`, `*italic*`, `[text](address)`.
 * What people wrote is escaped, so a `*` or `#` in the text stays a character.
 */
import { formatDateTime } from '../../shared/dates.ts'
import { escapeMarkdown } from './escape.ts'
import { type Block, type ExportDocument, type Inline, subtitle } from './model.ts'

function inline(parts: Inline[]): string {
  let out = ''
  for (const part of parts) {
    if (part.kind === 'break') {
      out += '\\\n'
      continue
    }
    // Spaces stay outside the markers: `** woord**` is no emphasis in Markdown.
    const [, lead = '', core = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(part.text) ?? []
    if (!core) {
      out += part.text
      continue
    }
    let text = escapeMarkdown(core)
    if (part.italic) text = `*${text}*`
    if (part.bold) text = `**${text}**`
    if (part.href) text = `[${text}](<${part.href.replace(/[<>]/g, encodeURIComponent)}>)`
    out += `${lead}${text}${trail}`
  }
  return out
}

/** One block as lines (a line break inside a paragraph makes two). */
function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${inline(b.inlines).replace(/\\\n/g, ' ')}`]
    case 'paragraph':
      return inline(b.inlines).split('\n')
    case 'quote':
      return blocks(b.blocks).map((line) => (line ? `> ${line}` : '>'))
    case 'list': {
      const out: string[] = []
      b.items.forEach((item, i) => {
        const marker = b.ordered ? `${b.start + i}. ` : '- '
        const inner = ' '.repeat(marker.length)
        const lines = blocks(item, true)
        lines.forEach((line, j) => {
          out.push(j === 0 ? `${marker}${line}` : line ? `${inner}${line}` : '')
        })
        if (lines.length === 0) out.push(marker.trimEnd())
      })
      return out
    }
  }
}

/**
 * Blocks separated by blank lines. In a list item (`tight`) a nested list
 * follows its paragraph directly, so the list stays a tight list.
 */
function blocks(list: Block[], tight = false): string[] {
  const out: string[] = []
  for (const b of list) {
    if (out.length > 0 && !(tight && b.kind === 'list')) out.push('')
    out.push(...block(b))
  }
  return out
}

/** The whole export as Markdown, ending in one newline. */
export function renderMarkdown(document: ExportDocument): string {
  const head = [
    `# ${escapeMarkdown(document.title)}`,
    '',
    escapeMarkdown(subtitle(document, formatDateTime)),
  ]
  const body = blocks(document.blocks)
  return `${[...head, ...(body.length ? ['', ...body] : [])].join('\n')}\n`
}
