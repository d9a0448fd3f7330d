import type { Thread } from './types.ts'

function involves(thread: Thread, personId: string): boolean {
  return (
    thread.createdBy.id === personId ||
    thread.comments.some((comment) => comment.author.id === personId)
  )
}

/**
 * True when `next` brings news for the person compared with `previous`: a
 * reply by someone else, or someone else's decision, on a thread they took part
 * in — the same rule the server uses for `unread`.
 */
export function bringsNews(previous: Thread, next: Thread, personId: string): boolean {
  if (!involves(next, personId)) return false
  const known = new Set(previous.comments.map((comment) => comment.id))
  const reply = next.comments.some(
    (comment) => !known.has(comment.id) && comment.author.id !== personId,
  )
  const decided =
    next.resolvedAt !== undefined &&
    next.resolvedAt !== previous.resolvedAt &&
    next.resolvedBy?.id !== personId
  return reply || decided
}

/**
 * Puts changed threads (from a `threads` event or an API answer) into the
 * list: known ones in place, new ones at the end (the panel sorts by text).
 * An older copy never replaces a newer one, so a late HTTP answer cannot undo
 * an event. `unread` is kept once set: the event's own `unread` does not know
 * the person's last visit, so news is judged against what the panel had.
 */
export function mergeThreads(current: Thread[], incoming: Thread[], personId: string): Thread[] {
  if (incoming.length === 0) return current
  const result = [...current]
  const index = new Map(result.map((thread, at) => [thread.id, at]))
  for (const next of incoming) {
    const at = index.get(next.id)
    if (at === undefined) {
      index.set(next.id, result.length)
      // A thread that is new to this person cannot hold news for them yet.
      result.push({ ...next, unread: false })
      continue
    }
    const previous = result[at]!
    if (previous.updatedAt > next.updatedAt) continue
    const unread = previous.unread || bringsNews(previous, next, personId)
    result[at] = { ...next, unread }
  }
  return result
}

/**
 * A fresh list from `GET …/threads` (on opening and after every reconnect)
 * replaces the panel's, except that copies the panel got later by an event
 * stay, and threads the list does not have yet (created meanwhile) are kept.
 */
export function replaceList(current: Thread[], fresh: Thread[]): Thread[] {
  const known = new Map(current.map((thread) => [thread.id, thread]))
  const seen = new Set(fresh.map((thread) => thread.id))
  const result = fresh.map((thread) => {
    const mine = known.get(thread.id)
    return mine && mine.updatedAt > thread.updatedAt ? mine : thread
  })
  for (const thread of current) if (!seen.has(thread.id)) result.push(thread)
  return result
}

/** The list with one thread marked as read in this visit (the person opened it). */
export function markRead(threads: Thread[], threadId: string): Thread[] {
  return threads.some((thread) => thread.id === threadId && thread.unread)
    ? threads.map((thread) => (thread.id === threadId ? { ...thread, unread: false } : thread))
    : threads
}
