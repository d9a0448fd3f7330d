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
  /** The person who deleted the character that had this id in A. */
  deletedBy(client: number, clock: number): string
}

/** Compares A (older) with B (newer). */
export function compareSides(a: Side, b: Side, who: Attribution): RawDiff {
  const aIndex = new IdentityIndex(a)
  const bIndex = new IdentityIndex(b)
  const aPieces = a.blocks.map((block) =>
    block.runs.flatMap((run) => (run.iClient < 0 ? [] : bIndex.split(run))),
  )
  const bPieces = b.blocks.map((block) =>
    block.runs.flatMap((run): Piece[] =>
      // A hard break has no identity: shown as it is, never a change.
      run.iClient < 0 ? [{ ...run, there: { block: -1, offset: -1 } }] : aIndex.split(run),
    ),
  )
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
  let start = 0
  let person = who.deletedBy(piece.client, piece.clock)
  for (let k = 1; k < piece.text.length; k++) {
    const next = who.deletedBy(piece.client, piece.clock + k)
    if (next === person) continue
    out.change('delete', piece.text.slice(start, k), blockId, person)
    start = k
    person = next
  }
  out.change('delete', piece.text.slice(start), blockId, person)
}
