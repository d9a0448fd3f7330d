/**
 * The text as Markdown (contract V5): `#` headings, `-` and `1.` lists indented
 * under their item, `>` quotes, `**bold**`, `*italic*`, `~~struck~~`,
 * `<u>underlined</u>`, `<mark>highlighted</mark>`, `[text](address)`; tables as
 * pipe tables and footnotes as `[^1]` with their text at the end (W1).
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
    if (part.kind === 'footnote') {
      out += `[^${part.number}]`
      continue
    }
    // Spaces stay outside the markers: `** woord**` is no emphasis in Markdown.
    const [, lead = '', core = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(part.text) ?? []
    if (!core) {
      out += part.text
      continue
    }
    let text = escapeMarkdown(core)
    if (part.highlight) text = `<mark>${text}</mark>`
    if (part.underline) text = `<u>${text}</u>`
    if (part.strike) text = `~~${text}~~`
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
    case 'table':
      return pipeTable(b)
  }
}

/** A cell's blocks on one line: paragraphs and list items apart by `<br>`. */
function cellText(cell: Block[]): string {
  return blocks(cell)
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/\\$/, '').trim())
    .join('<br>')
}

/**
 * A pipe table. Markdown has no spans: a merged cell's text stands in its first
 * place, the places it covers stay empty. Without a header row the head is left
 * empty, so no row of text is made a header.
 */
function pipeTable(b: Extract<Block, { kind: 'table' }>): string[] {
  const grid = tableGrid(b)
  const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`
  const headed = b.rows[0]?.header === true
  const head = headed ? grid[0]! : grid[0]!.map(() => '')
  const rows = headed ? grid.slice(1) : grid
  return [line(head), line(head.map(() => '---')), ...rows.map(line)]
}

/** The table's text as a rectangle of rows × columns. */
function tableGrid(b: Extract<Block, { kind: 'table' }>): string[][] {
  const grid = b.rows.map(() => Array<string | null>(b.columns).fill(null))
  b.rows.forEach((row, r) => {
    let c = 0
    for (const cell of row.cells) {
      while (c < b.columns && grid[r]![c] !== null) c++
      for (let dr = 0; dr < cell.rowspan && r + dr < grid.length; dr++) {
        for (let dc = 0; dc < cell.colspan && c + dc < b.columns; dc++) grid[r + dr]![c + dc] = ''
      }
      if (c < b.columns) grid[r]![c] = cellText(cell.blocks)
      c += cell.colspan
    }
  })
  return grid.map((row) => row.map((cell) => cell ?? ''))
}

/** `[^n]: text` per footnote; further lines indented under it. */
function footnoteLines(notes: Inline[][]): string[] {
  return notes.flatMap((note, i) => {
    const [first = '', ...rest] = inline(note).split('\n')
    return [`[^${i + 1}]: ${first}`, ...rest.map((l) => `    ${l}`)]
  })
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
  const notes = footnoteLines(document.footnotes)
  const body = [...blocks(document.blocks), ...(notes.length ? ['', ...notes] : [])]
  return `${[...head, ...(body.length ? ['', ...body] : [])].join('\n')}\n`
}
