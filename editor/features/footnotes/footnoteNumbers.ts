import type { Node as PmNode } from '@tiptap/pm/model'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { FOOTNOTE } from '../../../shared/footnote.ts'

/**
 * Each footnote's number as a node decoration: footnote n is the n-th in text
 * order (W1). The footnote's view reads it from the decoration's spec and
 * shows it; `data-number` names it for styles and tests.
 */
export function footnoteNumbers(doc: PmNode): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (node.type.name !== FOOTNOTE) return true
    const number = decorations.length + 1
    decorations.push(
      Decoration.node(
        pos,
        pos + node.nodeSize,
        { 'data-number': String(number) },
        { footnoteNumber: number },
      ),
    )
    return false
  })
  return DecorationSet.create(doc, decorations)
}

/** Where the footnotes are in `doc`, in text order. */
export function footnotePositions(doc: PmNode): number[] {
  const positions: number[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === FOOTNOTE) positions.push(pos)
    return node.type.name !== FOOTNOTE
  })
  return positions
}
