/**
 * Block-level changes between A and B, matched by passage id (B1): a B block
 * whose id A lacks was split off the A block most of its text came from, or
 * added; an A block whose id B lacks was joined into the B block holding most of
 * its text, or removed; the same id with another node or heading level changed
 * type (paragraph → heading 2).
 */
import type { Block, BlockChange, Piece, Side } from './types.ts'

export interface BlockChanges {
  /** Per B block index, and per A block index (removed, joined), its change. */
  ofB: Map<number, BlockChange>
  ofA: Map<number, BlockChange>
  /** B block index → the A blocks joined into it, in A's order. */
  joinedInto: Map<number, number[]>
}

/** The block index holding most characters of `pieces`, or null when none survive. */
function mostCharactersIn(pieces: Piece[]): number | null {
  const votes = new Map<number, number>()
  for (const piece of pieces) {
    if (!piece.there || piece.there.block < 0) continue
    votes.set(piece.there.block, (votes.get(piece.there.block) ?? 0) + piece.text.length)
  }
  let best: [number, number] | null = null
  for (const vote of votes) if (!best || vote[1] > best[1]) best = vote
  return best ? best[0] : null
}

const shape = (block: Block) => ({ node: block.node, level: block.level })

export function blockChanges(
  a: Side,
  b: Side,
  aPieces: Piece[][],
  bPieces: Piece[][],
): BlockChanges {
  const result: BlockChanges = { ofB: new Map(), ofA: new Map(), joinedInto: new Map() }
  for (const block of b.blocks) {
    const twin = block.blockId === null ? undefined : a.byBlockId.get(block.blockId)
    let change: BlockChange | null = null
    if (twin === undefined) {
      const source = mostCharactersIn(bPieces[block.index] ?? [])
      change =
        source === null
          ? { type: 'added', blockId: block.blockId }
          : { type: 'split', blockId: block.blockId, from: a.blocks[source]!.blockId }
    } else {
      const before = a.blocks[twin]!
      if (before.node !== block.node || before.level !== block.level)
        change = {
          type: 'type',
          blockId: block.blockId,
          before: shape(before),
          after: shape(block),
        }
    }
    if (change) result.ofB.set(block.index, change)
  }
  for (const block of a.blocks) {
    if (block.blockId !== null && b.byBlockId.has(block.blockId)) continue
    const target = mostCharactersIn(aPieces[block.index] ?? [])
    if (target === null) {
      result.ofA.set(block.index, { type: 'removed', blockId: block.blockId })
      continue
    }
    const into = b.blocks[target]!.blockId
    result.ofA.set(block.index, { type: 'joined', blockId: block.blockId, into })
    const joined = result.joinedInto.get(target) ?? []
    joined.push(block.index)
    result.joinedInto.set(target, joined)
  }
  return result
}
