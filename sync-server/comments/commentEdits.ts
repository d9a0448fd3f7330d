/**
 * Changes to one comment in a thread (C4): its author edits or deletes it, an
 * editor hides or shows it. Checks who may, then changes the record in place.
 */
import { hasAtLeast, type Principal } from '../auth/Principal.ts'
import { AppError } from '../errors.ts'
import type { ThreadRecord } from '../persistence/Storage.ts'
import { bodyField, optionalNote } from './input.ts'
import { type CommentRecord, now } from './records.ts'

function commentIn(thread: ThreadRecord, commentId: string): CommentRecord {
  const comment = thread.comments.find((c) => c.id === commentId)
  if (!comment) throw new AppError('not_found', 'Deze reactie bestaat niet.')
  return comment
}

export function changeComment(
  thread: ThreadRecord,
  actor: Principal,
  commentId: string,
  input: Record<string, unknown>,
): void {
  const comment = commentIn(thread, commentId)
  if (input.hidden !== undefined) {
    if (!hasAtLeast(actor, 'editor'))
      throw new AppError('forbidden', 'Alleen de VNG-redactie kan reacties verbergen.')
    comment.hidden =
      input.hidden === true
        ? { by: actor.person.id, at: now(), reason: optionalNote(input.reason, 'reason') ?? '' }
        : null
  }
  if (input.body !== undefined) {
    if (comment.authorId !== actor.person.id)
      throw new AppError('forbidden', 'U kunt alleen uw eigen reacties aanpassen.')
    if (comment.deleted) throw new AppError('conflict', 'Deze reactie is verwijderd.')
    comment.body = bodyField(input.body)
    comment.editedAt = now()
  }
}

/** The comment stays as "verwijderd" so the thread's replies keep their place. */
export function deleteComment(thread: ThreadRecord, actor: Principal, commentId: string): void {
  const comment = commentIn(thread, commentId)
  if (comment.authorId !== actor.person.id)
    throw new AppError('forbidden', 'U kunt alleen uw eigen reacties verwijderen.')
  comment.deleted = true
  comment.body = ''
  comment.editedAt = now()
}
