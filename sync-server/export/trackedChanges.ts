/**
 * Open suggestions written into the text as Word's tracked changes (W2): the
 * text a suggestion replaces gets a `trackedDelete` mark, and its proposed text
 * stands right after it as a text node with a `trackedInsert` mark, as Word
 * shows a replacement. Offsets are those of `LinearText` (textblocks separated
 * by one character, a hard break one character, a footnote's text where its
 * reference stands), so the server's resolved anchors apply as they are.
 */
import { FOOTNOTE } from '../../shared/footnote.ts'
import { TEXTBLOCK_TYPES } from '../../shared/schema.ts'
import type { PmJson } from './model.ts'

/** One open suggestion where it is in the text now. */
export interface TrackedChange {
  /** Start and end (exclusive) of the replaced text; equal for an insertion. */
  from: number
  to: number
  replacement: string
  /** "Name (Organisation)", as Word shows the author of a change. */
  author: string
  /** ISO time the suggestion was made. */
  date: string
}

/** The mark types the DOCX writer reads (see model.ts). */
export const TRACKED_INSERT = 'trackedInsert'
export const TRACKED_DELETE = 'trackedDelete'
/**
 * The attribute of a textblock whose paragraph mark a suggestion deletes (it
 * joins the passage with the next): `{author, date}`.
 */
export const TRACKED_BREAK_DELETE = 'trackedBreakDelete'

const textblocks: ReadonlySet<string> = new Set(TEXTBLOCK_TYPES)

const markOf = (type: string, change: TrackedChange) => ({
  type,
  attrs: { author: change.author, date: change.date },
})

/** Walks the text as LinearText does, rebuilding inline content with the changes in it. */
class Marker {
  #offset = 0
  #blocks = 0
  readonly #changes: TrackedChange[]
  readonly #inserted = new Set<TrackedChange>()

  constructor(changes: TrackedChange[]) {
    this.#changes = changes
  }

  node(node: PmJson): PmJson {
    if (textblocks.has(node.type)) {
      if (this.#blocks++ > 0) this.#offset += 1
      const content = this.#inline(node.content ?? [])
      // The separator after this passage is at its end: deleted, Word joins it with the next.
      const end = this.#offset
      const joining = this.#changes.find((change) => change.from <= end && end < change.to)
      if (!joining) return { ...node, content }
      const by = { author: joining.author, date: joining.date }
      const attrs = { ...node.attrs, [TRACKED_BREAK_DELETE]: by }
      return { ...node, attrs, content }
    }
    if (!node.content) return node
    return { ...node, content: node.content.map((child) => this.node(child)) }
  }

  /** Insertions that stand at the current offset and are not yet written. */
  #insertionsHere(out: PmJson[]): void {
    for (const change of this.#changes) {
      if (change.to !== this.#offset || this.#inserted.has(change)) continue
      this.#inserted.add(change)
      if (change.replacement === '') continue
      out.push({ type: 'text', text: change.replacement, marks: [markOf(TRACKED_INSERT, change)] })
    }
  }

  #inline(nodes: PmJson[]): PmJson[] {
    const out: PmJson[] = []
    for (const node of nodes) {
      this.#insertionsHere(out)
      if (node.type === 'text' && node.text) this.#text(node, out)
      else if (node.type === FOOTNOTE)
        out.push({ ...node, content: this.#inline(node.content ?? []) })
      else {
        out.push(node)
        this.#offset += 1
      }
    }
    this.#insertionsHere(out)
    return out
  }

  /** Splits a text node where changes begin or end; deleted pieces get the mark. */
  #text(node: PmJson, out: PmJson[]): void {
    const text = node.text!
    const start = this.#offset
    const cuts = new Set([0, text.length])
    for (const change of this.#changes) {
      for (const at of [change.from, change.to])
        if (at > start && at < start + text.length) cuts.add(at - start)
    }
    const sorted = [...cuts].sort((a, b) => a - b)
    for (let i = 0; i + 1 < sorted.length; i++) {
      this.#offset = start + sorted[i]!
      if (i > 0) this.#insertionsHere(out)
      const piece = text.slice(sorted[i], sorted[i + 1])
      const deletion = this.#changes.find(
        (change) => change.from <= this.#offset && this.#offset < change.to,
      )
      const marks = [...(node.marks ?? []), ...(deletion ? [markOf(TRACKED_DELETE, deletion)] : [])]
      out.push({ ...node, text: piece, ...(marks.length > 0 ? { marks } : {}) })
    }
    this.#offset = start + text.length
  }
}

/** A copy of `doc` with `changes` in it as tracked insertions and deletions. */
export function markTrackedChanges(doc: PmJson, changes: TrackedChange[]): PmJson {
  return new Marker(changes).node(doc)
}
