/**
 * One model of an exported text (contract V5), rendered three ways (Markdown,
 * HTML, DOCX): the title, the status, which version (or the current text), and
 * the blocks with their marks, tables and footnotes (W1), read from the
 * ProseMirror JSON of the shared schema. Links keep only http, https and mailto addresses, whatever a client
 * once sent; other links become plain text.
 */
import { isAllowedHref } from '../../shared/link.ts'
import { STATUS_LABELS, type Status } from '../../shared/roles.ts'
import { TRACKED_BREAK_DELETE } from './trackedChanges.ts'

/** The marks of a run of text that exports write. */
export interface TextMarks {
  bold: boolean
  italic: boolean
  underline: boolean
  strike: boolean
  highlight: boolean
  href: string | null
  /** A suggestion's change in a tracked export (W2); absent in a clean one. */
  tracked?: TrackedMark
}

/** Who proposed a tracked insertion or deletion, and when. */
export interface TrackedMark {
  kind: 'insert' | 'delete'
  author: string
  date: string
}

/** The tracked change a text node carries (see trackedChanges.ts), if any. */
function trackedOf(marks: NonNullable<PmJson['marks']>): TrackedMark | undefined {
  for (const mark of marks) {
    const kind =
      mark.type === 'trackedInsert' ? 'insert' : mark.type === 'trackedDelete' ? 'delete' : null
    if (!kind) continue
    return { kind, author: String(mark.attrs?.author ?? ''), date: String(mark.attrs?.date ?? '') }
  }
  return undefined
}

/** A suggestion deletes the paragraph mark of a passage (trackedChanges.ts): by whom, when. */
function markDeletedOf(node: PmJson): { markDeleted?: TrackedMark } {
  const value = node.attrs?.[TRACKED_BREAK_DELETE] as
    | { author?: unknown; date?: unknown }
    | undefined
  if (!value) return {}
  return {
    markDeleted: {
      kind: 'delete',
      author: String(value.author ?? ''),
      date: String(value.date ?? ''),
    },
  }
}

/**
 * A run of text with its marks, a line break within a block, or a footnote
 * where its reference stands (numbered from 1 in text order, W1).
 */
export type Inline =
  | ({ kind: 'text'; text: string } & TextMarks)
  | { kind: 'break' }
  | { kind: 'footnote'; number: number; inlines: Inline[] }

/** A cell of a table: header or data, how far it spans, and its blocks. */
export interface TableCellModel {
  header: boolean
  colspan: number
  rowspan: number
  blocks: Block[]
}

/** A row of a table; `header` when every cell in it is a header cell (Word repeats it). */
export interface TableRowModel {
  header: boolean
  cells: TableCellModel[]
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[]; markDeleted?: TrackedMark }
  | { kind: 'paragraph'; inlines: Inline[]; markDeleted?: TrackedMark }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'table'; columns: number; rows: TableRowModel[] }

export interface ExportDocument {
  title: string
  status: Status
  /** "Concept", "Vastgesteld" … */
  statusLabel: string
  /** The version exported, or null for the current text. */
  version: { name: string; createdAt: string } | null
  blocks: Block[]
  /** The footnotes in text order: footnote n is `footnotes[n - 1]`. */
  footnotes: Inline[][]
}

/** ProseMirror JSON as stored and served (H3, V2). */
export interface PmJson {
  type: string
  attrs?: Record<string, unknown>
  content?: PmJson[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

/** The address of a link when it is one we pass on (shared/link.ts), else null. */
export function safeHref(value: unknown): string | null {
  return isAllowedHref(value) ? value.trim() : null
}

const has = (marks: NonNullable<PmJson['marks']>, type: string) =>
  marks.some((mark) => mark.type === type)

/** A positive whole number from an attribute, else 1. */
function count(value: unknown): number {
  const n = Number(value ?? 1)
  return Number.isInteger(n) && n > 0 ? n : 1
}

/**
 * Reads ProseMirror JSON into blocks; keeps the footnotes it meets, in order.
 * Unknown nodes give their children (nothing is lost silently).
 */
class ModelReader {
  readonly footnotes: Inline[][] = []

  inlines(nodes: PmJson[] = []): Inline[] {
    const out: Inline[] = []
    for (const node of nodes) {
      if (node.type === 'hardBreak') out.push({ kind: 'break' })
      else if (node.type === 'footnote') {
        // Numbered before its text is read: a footnote holds no footnotes.
        const number = this.footnotes.length + 1
        const inlines = this.inlines(node.content)
        this.footnotes.push(inlines)
        out.push({ kind: 'footnote', number, inlines })
      } else if (node.type === 'text' && node.text) {
        const marks = node.marks ?? []
        const link = marks.find((mark) => mark.type === 'link')
        out.push({
          kind: 'text',
          text: node.text,
          bold: has(marks, 'bold'),
          italic: has(marks, 'italic'),
          underline: has(marks, 'underline'),
          strike: has(marks, 'strike'),
          highlight: has(marks, 'highlight'),
          href: safeHref(link?.attrs?.href),
          ...(trackedOf(marks) ? { tracked: trackedOf(marks) } : {}),
        })
      }
    }
    return out
  }

  blocks(nodes: PmJson[] = []): Block[] {
    const out: Block[] = []
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          out.push({
            kind: 'heading',
            level: headingLevel(node.attrs?.level),
            inlines: this.inlines(node.content),
            ...markDeletedOf(node),
          })
          break
        case 'paragraph':
          out.push({
            kind: 'paragraph',
            inlines: this.inlines(node.content),
            ...markDeletedOf(node),
          })
          break
        case 'bulletList':
        case 'orderedList':
          out.push({
            kind: 'list',
            ordered: node.type === 'orderedList',
            start: count(node.attrs?.start),
            items: (node.content ?? []).map((item) => this.blocks(item.content)),
          })
          break
        case 'blockquote':
          out.push({ kind: 'quote', blocks: this.blocks(node.content) })
          break
        case 'table':
          out.push(this.table(node))
          break
        default:
          out.push(...this.blocks(node.content))
      }
    }
    return out
  }

  table(node: PmJson): Extract<Block, { kind: 'table' }> {
    const rows = (node.content ?? []).map((row): TableRowModel => {
      const cells = (row.content ?? []).map((cell) => ({
        header: cell.type === 'tableHeader',
        colspan: count(cell.attrs?.colspan),
        rowspan: count(cell.attrs?.rowspan),
        blocks: this.blocks(cell.content),
      }))
      return { header: cells.length > 0 && cells.every((cell) => cell.header), cells }
    })
    return { kind: 'table', columns: tableColumns(rows), rows }
  }
}

function headingLevel(value: unknown): 1 | 2 | 3 {
  return value === 1 || value === 2 ? value : 3
}

/** How many columns the table has: its widest row, counting spans and cells spanning down into it. */
function tableColumns(rows: TableRowModel[]): number {
  const below: number[] = []
  let widest = 0
  rows.forEach((row, r) => {
    const width = row.cells.reduce((sum, cell) => sum + cell.colspan, 0) + (below[r] ?? 0)
    widest = Math.max(widest, width)
    for (const cell of row.cells) {
      for (let k = 1; k < cell.rowspan; k++) below[r + k] = (below[r + k] ?? 0) + cell.colspan
    }
  })
  return Math.max(1, widest)
}

/** The blocks of a node's content (footnotes numbered from 1 within them). */
export function toBlocks(nodes: PmJson[] = []): Block[] {
  return new ModelReader().blocks(nodes)
}

/** The model of one export: `doc` is the ProseMirror JSON of the text or version. */
export function exportDocument(
  proposal: { title: string; status: Status },
  doc: PmJson,
  version: { name: string; createdAt: string } | null,
): ExportDocument {
  const reader = new ModelReader()
  const blocks = reader.blocks(doc.content)
  return {
    title: proposal.title,
    status: proposal.status,
    statusLabel: STATUS_LABELS[proposal.status] ?? proposal.status,
    version,
    blocks,
    footnotes: reader.footnotes,
  }
}

/** The line under the title: status, and which version of when. */
export function subtitle(document: ExportDocument, formatDate: (iso: string) => string): string {
  const which = document.version
    ? `Versie "${document.version.name}" van ${formatDate(document.version.createdAt)}`
    : 'Huidige tekst'
  return `Status: ${document.statusLabel}. ${which}.`
}
