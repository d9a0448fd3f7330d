/**
 * What deciding on a thread does to its record (C5, C6), and who may: resolve,
 * reopen, and the rules of amendments their author revises or withdraws. Each
 * runs inside a change in place (D4), on the freshest record, so a decision
 * made meanwhile through another instance is seen, not overwritten.
 */
import type { Principal } from '../auth/Principal.ts'
import { AppError } from '../errors.ts'
import type { ThreadDecision, ThreadRecord } from '../persistence/Storage.ts'
import { now } from './records.ts'

/** Marks the thread resolved with a decision, by `editorId`. */
export function resolveThread(
  thread: ThreadRecord,
  editorId: string,
  decision: ThreadDecision | null,
  note: string | null,
): void {
  thread.decision = decision
  thread.note = note
  thread.status = 'resolved'
  thread.resolvedBy = editorId
  thread.resolvedAt = now()
}

/** Reopening keeps the text as it is, also after an accepted amendment (C5). */
export function reopenThread(thread: ThreadRecord): void {
  thread.status = 'open'
  thread.decision = null
  thread.resolvedBy = null
  thread.resolvedAt = null
}

/** @throws AppError 409 for a thread that is no amendment */
export function requireAmendment(thread: ThreadRecord): void {
  if (thread.kind !== 'amendment')
    throw new AppError('conflict', 'Deze reactie is geen wijzigingsvoorstel.')
}

/** @throws AppError 409 for an amendment already applied */
export function requireNotApplied(thread: ThreadRecord): void {
  requireAmendment(thread)
  if (thread.applied) throw new AppError('conflict', 'Dit wijzigingsvoorstel is al verwerkt.')
}

/** @throws AppError 403 for anyone but its author, 409 once decided */
export function requireOwnOpenAmendment(thread: ThreadRecord, actor: Principal): void {
  requireAmendment(thread)
  if (thread.createdBy !== actor.person.id) {
    throw new AppError('forbidden', 'Alleen wie het voorstel deed, kan het aanpassen.')
  }
  if (thread.status !== 'open' || thread.applied) {
    throw new AppError('conflict', 'Dit wijzigingsvoorstel is al afgehandeld.')
  }
}

/** A suggestion its author takes back: only while nobody else has spoken on it. */
export function requireWithdrawable(thread: ThreadRecord, actor: Principal): void {
  requireOwnOpenAmendment(thread, actor)
  if (thread.comments.some((comment) => comment.authorId !== actor.person.id))
    throw new AppError(
      'conflict',
      'Anderen hebben al op dit voorstel gereageerd; het blijft staan. Vraag de redactie het af te handelen.',
    )
}
