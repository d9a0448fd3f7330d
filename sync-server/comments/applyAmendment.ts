/**
 * Writes an accepted amendment into the text as one minimal change (C6),
 * credited to the person who proposed it, and returns the thread's anchor on
 * the new text and the record of what the change wrote and deleted, so a
 * comparison can say who accepted it.
 */
import type { Schema } from '@tiptap/pm/model'
import { AppError } from '../errors.ts'
import type { AcceptanceRecord, AnchorRecord, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import { anchorAt, resolveAnchor } from './anchors.ts'
import { LinearText } from './LinearText.ts'
import { planReplacementAcrossBlocks } from './replaceAcrossBlocks.ts'
import { planReplacement } from './replaceText.ts'

export function applyAmendment(
  room: Room,
  linear: LinearText,
  schema: Schema,
  thread: ThreadRecord,
  editorId: string,
): { anchor: AnchorRecord; acceptance: AcceptanceRecord } {
  if (!thread.anchor.anchored)
    throw new AppError('conflict', 'De tekst van dit wijzigingsvoorstel is verwijderd.')
  const resolved = resolveAnchor(thread, room.doc, linear, room.authorship.provenance)
  if (linear.value.slice(resolved.from, resolved.to) !== thread.quote) {
    throw new AppError(
      'quote_changed',
      'De tekst is veranderd sinds dit voorstel werd gedaan. Pas het voorstel aan of verwerk het met de hand.',
    )
  }
  const replacement = thread.replacement ?? ''
  const plan =
    planReplacement(linear, resolved.from, resolved.to, replacement) ??
    planReplacementAcrossBlocks(
      room.doc,
      room.fragment,
      schema,
      linear,
      resolved.from,
      resolved.to,
      replacement,
    )
  if (!plan)
    throw new AppError(
      'conflict',
      'Dit voorstel past niet in de opbouw van de tekst (bijvoorbeeld over een lijst heen); verwerk het met de hand.',
    )
  const written = room.writeAsServer(thread.createdBy, plan.apply, { ownClient: true })
  const after = new LinearText(room.fragment)
  return {
    // A deletion leaves no text to anchor to: the thread keeps its quote.
    anchor: (plan.to > plan.from && anchorAt(after, plan.from, plan.to)) || {
      ...thread.anchor,
      anchored: false,
    },
    acceptance: {
      by: editorId,
      at: new Date().toISOString(),
      client: written?.inserted ? written.clientId : null,
      deleted: written?.deleted ?? [],
    },
  }
}
