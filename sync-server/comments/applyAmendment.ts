/**
 * Writes an accepted amendment into the text as one minimal change credited to
 * the editor (C6), and returns the thread's anchor on the new text.
 */
import { AppError } from '../errors.ts'
import type { AnchorRecord, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import { anchorAt, resolveAnchor } from './anchors.ts'
import { LinearText } from './LinearText.ts'
import { planReplacement } from './replaceText.ts'

export function applyAmendment(
  room: Room,
  linear: LinearText,
  thread: ThreadRecord,
  editorId: string,
): AnchorRecord {
  if (!thread.anchor.anchored)
    throw new AppError('conflict', 'De tekst van dit wijzigingsvoorstel is verwijderd.')
  const resolved = resolveAnchor(thread, room.doc, linear, room.authorship.provenance)
  if (linear.value.slice(resolved.from, resolved.to) !== thread.quote) {
    throw new AppError(
      'quote_changed',
      'De tekst is veranderd sinds dit voorstel werd gedaan. Pas het voorstel aan of verwerk het met de hand.',
    )
  }
  const plan = planReplacement(linear, resolved.from, resolved.to, thread.replacement ?? '')
  if (!plan)
    throw new AppError(
      'conflict',
      'Dit voorstel beslaat meer dan één alinea; verwerk het met de hand.',
    )
  room.writeAsServer(editorId, plan.apply)
  const after = new LinearText(room.fragment)
  return anchorAt(after, plan.from, plan.to) ?? { ...thread.anchor, anchored: false }
}
