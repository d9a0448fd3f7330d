/**
 * Puts the text deleted from A where it stood, in B's coordinates: right after
 * the surviving character before it in its A block, else right before the
 * surviving character after it, else at the start of the block that kept its
 * passage id. A block of A with nothing surviving and no namesake in B was
 * removed: it is shown whole, after the B block where the text before it went.
 */
import type { Piece, Side } from './types.ts'

/** Deleted text of A at a gap of a B block (`gap` = B offset it comes before). */
export interface InlineDeletion {
  gap: number
  /** A's document order, for deletions sharing a gap. */
  seq: number
  piece: Piece
  aBlock: number
}

/** A removed block of A, shown after B block `after` (-1: before the first). */
export interface RemovedBlock {
  after: number
  aBlock: number
  pieces: Piece[]
}

export interface PlacedDeletions {
  /** Per B block index: deletions inside it, sorted by gap and A order. */
  inline: Map<number, InlineDeletion[]>
  /** Removed blocks of A in A's order. */
  removed: RemovedBlock[]
}

/** @param aPieces per A block, its pieces as `IdentityIndex(b).split` gave them */
export function placeDeletions(a: Side, b: Side, aPieces: Piece[][]): PlacedDeletions {
  const inline = new Map<number, InlineDeletion[]>()
  const removed: RemovedBlock[] = []
  let lastAnchor = -1
  let seq = 0
  for (const block of a.blocks) {
    const pieces = aPieces[block.index] ?? []
    const namesake = block.blockId === null ? undefined : b.byBlockId.get(block.blockId)
    const kept = pieces.filter((piece) => piece.there !== null)
    if (kept.length === 0 && namesake === undefined) {
      if (pieces.length > 0) removed.push({ after: lastAnchor, aBlock: block.index, pieces })
      continue
    }
    // The nearest surviving piece after each piece, found in one backward pass.
    const nextKept: Array<Piece | null> = new Array(pieces.length).fill(null)
    for (let i = pieces.length - 2; i >= 0; i--) {
      const next = pieces[i + 1]!
      nextKept[i] = next.there ? next : nextKept[i + 1]!
    }
    let previous: Piece | null = null
    pieces.forEach((piece, i) => {
      if (piece.there) {
        previous = piece
        return
      }
      const next = nextKept[i]
      const before = previous as Piece | null
      const [target, gap] = before?.there
        ? [before.there.block, before.there.offset + before.text.length]
        : next?.there
          ? [next.there.block, next.there.offset]
          : [namesake!, 0]
      let list = inline.get(target)
      if (!list) {
        list = []
        inline.set(target, list)
      }
      list.push({ gap, seq: seq++, piece, aBlock: block.index })
    })
    lastAnchor = kept.length > 0 ? kept[kept.length - 1]!.there!.block : namesake!
  }
  for (const list of inline.values()) list.sort((x, y) => x.gap - y.gap || x.seq - y.seq)
  return { inline, removed }
}
