import type { Node } from '@tiptap/pm/model'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** A thread's text as it is now in the document. */
export interface HighlightRange {
  id: string
  from: number
  to: number
  kind: 'comment' | 'amendment'
}

/** A stretch of text covered by the same threads, innermost (shortest) thread first. */
export interface Segment {
  from: number
  to: number
  ids: string[]
  amendment: boolean
}

/** Deepest overlap that gets its own, darker shade; deeper ones look the same. */
export const MAX_DEPTH = 3

/**
 * Cuts overlapping thread ranges into segments, so that overlaps can be drawn
 * in layers (a darker shade and a thicker underline per thread) and a click
 * can pick the innermost thread.
 */
export function segmentsOf(ranges: HighlightRange[]): Segment[] {
  const valid = ranges.filter((range) => range.to > range.from)
  const cuts = [...new Set(valid.flatMap((range) => [range.from, range.to]))].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!
    const to = cuts[i + 1]!
    const covering = valid
      .filter((range) => range.from <= from && range.to >= to)
      .sort((a, b) => a.to - a.from - (b.to - b.from))
    if (covering.length === 0) continue
    segments.push({
      from,
      to,
      ids: covering.map((range) => range.id),
      amendment: covering.some((range) => range.kind === 'amendment'),
    })
  }
  return segments
}

/** The CSS classes of one segment; the underline keeps it visible without colour. */
export function segmentClass(segment: Segment, activeId: string | null): string {
  const depth = Math.min(segment.ids.length, MAX_DEPTH)
  const classes = ['comment-anchor', `comment-anchor--depth-${depth}`]
  if (segment.amendment) classes.push('comment-anchor--amendment')
  if (activeId !== null && segment.ids.includes(activeId)) classes.push('comment-anchor--active')
  return classes.join(' ')
}

/** Inline decorations for `ranges` in `doc`; they change how text looks, never the text. */
export function highlightDecorations(
  doc: Node,
  ranges: HighlightRange[],
  activeId: string | null,
): DecorationSet {
  const decorations = segmentsOf(ranges).map((segment) =>
    Decoration.inline(
      segment.from,
      segment.to,
      { class: segmentClass(segment, activeId), 'data-thread-ids': segment.ids.join(' ') },
      { threadIds: segment.ids },
    ),
  )
  return DecorationSet.create(doc, decorations)
}
