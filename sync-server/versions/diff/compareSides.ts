/**
 * The comparison of two states by character identity (contract V3). A character
 * of A is deleted when its identity is live nowhere in B; a character of B is
 * inserted when its identity is live nowhere in A. So a one-word edit in a long
 * text is a one-word change, text an editor only rebuilt is no change, and who
 * did it comes from the server's authorship record, never from the text.
 */
import { type BlockChanges, blockChanges } from './blockChanges.ts'
import { ChangeBuilder } from './ChangeBuilder.ts'
import { IdentityIndex } from './IdentityIndex.ts'
import { type InlineDeletion, placeDeletions, type RemovedBlock } from './placeDeletions.ts'
import type { BlockChange, Piece, RawDiff, Side } from './types.ts'

/** Who wrote and who deleted, from the newer side's authorship record. */
export interface Attribution {
  /** The person who wrote the text of this identity's client. */
  insertedBy(identityClient: number): string
  /** Who deleted the `length` characters that had ids from (client, clock) in A, by stretch. */
  deletedBy(
    client: number,
    clock: number,
    length: number,
    emit: (offset: number, length: number, person: string) => void,
  ): void
}

/** Compares A (older) with B (newer). */
export function compareSides(a: Side, b: Side, who: Attribution): RawDiff {
  // Most blocks of a long text did not change: those are matched without lookups.
  const twins = unchangedBlocks(a, b)
  const twinOfB = new Map([...twins].map(([ai, bi]) => [bi, ai]))
  const aIndex = new IdentityIndex(a, new Set(twins.keys()))
  const bIndex = new IdentityIndex(b, new Set(twinOfB.keys()))
  const aPieces = a.blocks.map((block) => {
    const twin = twins.get(block.index)
    if (twin !== undefined) return same(block.runs, twin)
    return block.runs.flatMap((run) => (run.iClient < 0 ? [] : bIndex.split(run)))
  })
  const bPieces = b.blocks.map((block) => {
    const twin = twinOfB.get(block.index)
    if (twin !== undefined) return same(block.runs, twin)
    return block.runs.flatMap((run): Piece[] =>
      // A hard break has no identity: shown as it is, never a change.
      run.iClient < 0 ? [{ ...run, there: { block: -1, offset: -1 } }] : aIndex.split(run),
    )
  })
  const placed = placeDeletions(a, b, aPieces)
  const changesOfBlocks = blockChanges(a, b, aPieces, bPieces)
  const out = new ChangeBuilder()
  const list: BlockChange[] = []
  const removedAfter = new Map<number, RemovedBlock[]>()
  for (const removed of placed.removed) {
    const group = removedAfter.get(removed.after) ?? []
    group.push(removed)
    removedAfter.set(removed.after, group)
  }
  const emitRemoved = (after: number) => {
    for (const removed of removedAfter.get(after) ?? []) {
      const block = a.blocks[removed.aBlock]!
      list.push(changesOfBlocks.ofA.get(removed.aBlock)!)
      if (removed.pieces.length === 0) continue
      out.startBlock(block, 'removed')
      for (const piece of removed.pieces) deletion(out, who, piece, block.blockId)
    }
  }

  emitRemoved(-1)
  for (const block of b.blocks) {
    const change = changesOfBlocks.ofB.get(block.index)
    if (change) list.push(change)
    out.startBlock(block, change?.type)
    merge(out, who, block.blockId, bPieces[block.index]!, placed.inline.get(block.index) ?? [], a)
    for (const joined of joinedInto(changesOfBlocks, block.index)) list.push(joined)
    emitRemoved(block.index)
  }
  return {
    changes: out.changes,
    inserted: out.inserted,
    deleted: out.deleted,
    blocks: list,
    view: out.view,
  }
}

/** A block index of A → B's block with the same passage id and the very same items. */
function unchangedBlocks(a: Side, b: Side): Map<number, number> {
  const twins = new Map<number, number>()
  for (const block of b.blocks) {
    const twin = block.blockId === null ? undefined : a.byBlockId.get(block.blockId)
    const other = twin === undefined ? undefined : a.blocks[twin]!
    if (!other || other.runs.length !== block.runs.length) continue
    const equal = other.runs.every((run, i) => {
      const mine = block.runs[i]!
      return (
        run.client === mine.client &&
        run.clock === mine.clock &&
        run.text.length === mine.text.length
      )
    })
    if (equal) twins.set(other.index, block.index)
  }
  return twins
}

/** A block whose every character is at the same offset of `twin`, as one piece. */
function same(runs: Side['blocks'][number]['runs'], twin: number): Piece[] {
  let text = ''
  for (const run of runs) text += run.text
  // No ids needed: nothing of it is inserted or deleted, and nothing is looked up.
  return [
    {
      text,
      offset: 0,
      client: -1,
      clock: -1,
      iClient: -1,
      iClock: -1,
      there: { block: twin, offset: 0 },
    },
  ]
}

function joinedInto(changes: BlockChanges, bIndex: number): BlockChange[] {
  return (changes.joinedInto.get(bIndex) ?? []).map((aIndex) => changes.ofA.get(aIndex)!)
}

/** Walks a B block's pieces, with A's deletions at their gaps. */
function merge(
  out: ChangeBuilder,
  who: Attribution,
  blockId: string | null,
  pieces: Piece[],
  deletions: InlineDeletion[],
  a: Side,
): void {
  let d = 0
  const deleteUpTo = (gap: number) => {
    while (d < deletions.length && deletions[d]!.gap <= gap) {
      const { piece, aBlock } = deletions[d++]!
      deletion(out, who, piece, a.blocks[aBlock]!.blockId)
    }
  }
  const emit = (piece: Piece, from: number, to: number) => {
    const text = piece.text.slice(from, to)
    if (piece.there) out.same(text)
    else out.change('insert', text, blockId, who.insertedBy(piece.iClient))
  }
  for (const piece of pieces) {
    deleteUpTo(piece.offset)
    let from = 0
    // Deletions that fall inside the piece split it.
    while (d < deletions.length && deletions[d]!.gap < piece.offset + piece.text.length) {
      const cut = deletions[d]!.gap - piece.offset
      emit(piece, from, cut)
      from = cut
      deleteUpTo(deletions[d]!.gap)
    }
    emit(piece, from, piece.text.length)
  }
  deleteUpTo(Number.POSITIVE_INFINITY)
}

/** Emits deleted text, split where the person who deleted it changes. */
function deletion(
  out: ChangeBuilder,
  who: Attribution,
  piece: Piece,
  blockId: string | null,
): void {
  who.deletedBy(piece.client, piece.clock, piece.text.length, (offset, length, person) =>
    out.change('delete', piece.text.slice(offset, offset + length), blockId, person),
  )
}
