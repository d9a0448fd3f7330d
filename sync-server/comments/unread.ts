import type { Principal } from '../auth/Principal.ts'
import type { ThreadRecord } from '../persistence/Storage.ts'

/**
 * "Nieuw voor u": replies by others, or a decision by someone else, on a
 * thread the viewer took part in, after their last visit.
 */
export function isUnread(
  thread: ThreadRecord,
  viewer: Principal,
  lastVisit: string | null,
): boolean {
  const me = viewer.person.id
  const involved = thread.createdBy === me || thread.comments.some((c) => c.authorId === me)
  if (!involved) return false
  const since = lastVisit ?? ''
  const reply = thread.comments.some((c) => c.authorId !== me && c.createdAt > since)
  const decided =
    thread.resolvedAt !== null && thread.resolvedBy !== me && thread.resolvedAt > since
  return reply || decided
}
