/**
 * One model of an exported text (contract V5), rendered three ways (Markdown,
 * HTML, DOCX): the title, the status, which version (or the current text), and
 * the blocks with their marks, read from the ProseMirror JSON of the shared
 * schema. Links keep only http, https and mailto addresses, whatever a client
 * once sent; other links become plain text.
 */
import { isAllowedHref } from '../../shared/link.ts'
import { STATUS_LABELS, type Status } from '../../shared/roles.ts'

/** A run of text with its marks, or a line break within a block. */
export type Inline =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean; href: string | null }
  | { kind: 'break' }

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }

export interface ExportDocument {
  title: string
  status: Status
  /** "Concept", "Vastgesteld" … */
  statusLabel: string
  /** The version exported, or null for the current text. */
  version: { name: string; createdAt: string } | null
  blocks: Block[]
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

function inlines(nodes: PmJson[] = []): Inline[] {
  const out: Inline[] = []
  for (const node of nodes) {
    if (node.type === 'hardBreak') out.push({ kind: 'break' })
    else if (node.type === 'text' && node.text) {
      const marks = node.marks ?? []
      const link = marks.find((mark) => mark.type === 'link')
      out.push({
        kind: 'text',
        text: node.text,
        bold: marks.some((mark) => mark.type === 'bold'),
        italic: marks.some((mark) => mark.type === 'italic'),
        href: safeHref(link?.attrs?.href),
      })
    }
  }
  return out
}

function headingLevel(value: unknown): 1 | 2 | 3 {
  return value === 1 || value === 2 ? value : 3
}

/** Blocks of a node's content; unknown nodes give their children (nothing is lost silently). */
export function toBlocks(nodes: PmJson[] = []): Block[] {
  const out: Block[] = []
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        out.push({
          kind: 'heading',
          level: headingLevel(node.attrs?.level),
          inlines: inlines(node.content),
        })
        break
      case 'paragraph':
        out.push({ kind: 'paragraph', inlines: inlines(node.content) })
        break
      case 'bulletList':
      case 'orderedList': {
        const start = Number(node.attrs?.start ?? 1)
        out.push({
          kind: 'list',
          ordered: node.type === 'orderedList',
          start: Number.isInteger(start) && start > 0 ? start : 1,
          items: (node.content ?? []).map((item) => toBlocks(item.content)),
        })
        break
      }
      case 'blockquote':
        out.push({ kind: 'quote', blocks: toBlocks(node.content) })
        break
      default:
        out.push(...toBlocks(node.content))
    }
  }
  return out
}

/** The model of one export: `doc` is the ProseMirror JSON of the text or version. */
export function exportDocument(
  proposal: { title: string; status: Status },
  doc: PmJson,
  version: { name: string; createdAt: string } | null,
): ExportDocument {
  return {
    title: proposal.title,
    status: proposal.status,
    statusLabel: STATUS_LABELS[proposal.status] ?? proposal.status,
    version,
    blocks: toBlocks(doc.content),
  }
}

/** The line under the title: status, and which version of when. */
export function subtitle(document: ExportDocument, formatDate: (iso: string) => string): string {
  const which = document.version
    ? `Versie "${document.version.name}" van ${formatDate(document.version.createdAt)}`
    : 'Huidige tekst'
  return `Status: ${document.statusLabel}. ${which}.`
}
