/**
 * Where a new or grown thread sits (C2, C3): its anchor on the live text and
 * the passage it starts in, with that passage's text now (R6).
 */
import { AppError } from '../errors.ts'
import type { AnchorRecord, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import { anchorAt } from './anchors.ts'
import { locateNewThread } from './locateNewThread.ts'

export interface PlacedThread {
  anchor: AnchorRecord
  blockId: string | null
  passageText: string | null
}

/**
 * @throws AppError 422/409 as {@link locateNewThread}, and 422 when no anchor
 *   can be made there
 */
export function placeThread(room: Room, quote: string, anchorInput: unknown): PlacedThread {
  const located = locateNewThread(room, quote, anchorInput)
  const anchor = anchorAt(located.linear, located.from, located.to)
  if (!anchor)
    throw new AppError('validation_failed', 'Op deze plek kan geen reactie staan.', {
      details: { field: 'anchor' },
    })
  const block = located.linear.blockAt(located.from)
  return {
    anchor,
    blockId: block?.blockId ?? null,
    passageText: block ? located.linear.passageText(block) : null,
  }
}

/** The fields of a thread record that {@link placeThread} decides. */
export function placedFields(placed: PlacedThread): Pick<ThreadRecord, keyof PlacedThread> {
  return { anchor: placed.anchor, blockId: placed.blockId, passageText: placed.passageText }
}
