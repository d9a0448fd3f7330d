import type { Node } from '@tiptap/pm/model'

/** A stretch of the text as the server quotes it, with the document position of each offset. */
export interface LinearSlice {
  /** The text: `\n` between textblocks and for a hard break (ProseMirror `textBetween(…, '\n', '\n')`). */
  text: string
  /**
   * `positions[k]` is the document position before character `k` (for `k` equal
   * to the length: after the last one). Before a block separator it is the end
   * of the passage that ends there; after it, the start of the next passage.
   */
  positions: number[]
}

/**
 * The text of `[from, to)` of `doc` with its positions, the way
 * `quoteOf` quotes it (docs/API.md), so an offset in a quote is a place in the
 * document and back.
 */
export function linearSlice(doc: Node, from: number, to: number): LinearSlice {
  let text = ''
  const positions: number[] = []
  let inBlock = false
  let lastEnd = from
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      const contentStart = pos + 1
      if (inBlock) {
        positions.push(lastEnd)
        text += '\n'
      }
      inBlock = true
      lastEnd = Math.min(Math.max(contentStart, from), pos + node.nodeSize - 1)
      return true
    }
    if (node.isText) {
      const start = Math.max(from, pos)
      const end = Math.min(to, pos + node.nodeSize)
      for (let at = start; at < end; at++) positions.push(at)
      text += node.text!.slice(start - pos, end - pos)
      lastEnd = Math.max(lastEnd, end)
      return false
    }
    if (node.isInline && node.isLeaf) {
      // A hard break reads as a line break, as the server's quotes have it.
      if (pos >= from && pos < to) {
        positions.push(pos)
        text += '\n'
        lastEnd = pos + 1
      }
      return false
    }
    return true
  })
  positions.push(lastEnd)
  return { text, positions }
}
