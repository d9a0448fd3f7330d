import { api } from '../../lib/api.ts'
import type { Decision, NewThread, Thread, ThreadAnchor } from './types.ts'

/** A reply or a changed comment comes back with its whole thread (docs/API.md). */
interface CommentAnswer {
  thread: Thread
}

/**
 * The comments part of the HTTP API for one proposal (C1–C6). Every call
 * answers the changed thread, so the panel updates without waiting for the
 * event that follows (E1).
 * @throws {ApiError} with the server's Dutch message on every refusal
 */
export function threadsApi(proposalId: string) {
  const base = `api/proposals/${encodeURIComponent(proposalId)}/threads`
  const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body })
  const thread = (id: string) => `${base}/${encodeURIComponent(id)}`
  const comment = (id: string, commentId: string) =>
    `${thread(id)}/comments/${encodeURIComponent(commentId)}`

  return {
    list: () => api<Thread[]>(base),
    create: (input: NewThread) => post<Thread>(base, input),
    /** The author changes an open amendment: its replacement, and with an anchor what it replaces. */
    revise: (id: string, change: { replacement: string; quote?: string; anchor?: ThreadAnchor }) =>
      api<Thread>(thread(id), { method: 'PATCH', body: change }),
    /** The author takes back an open amendment nobody else spoke on: it is gone. */
    withdraw: (id: string) => api<{ id: string }>(thread(id), { method: 'DELETE' }),
    reply: async (id: string, body: string) =>
      (await post<CommentAnswer>(`${thread(id)}/comments`, { body })).thread,
    edit: async (id: string, commentId: string, body: string) =>
      (await api<CommentAnswer>(comment(id, commentId), { method: 'PATCH', body: { body } }))
        .thread,
    remove: async (id: string, commentId: string) =>
      (await api<CommentAnswer>(comment(id, commentId), { method: 'DELETE' })).thread,
    hide: async (id: string, commentId: string, hidden: boolean, reason?: string) =>
      (
        await api<CommentAnswer>(comment(id, commentId), {
          method: 'PATCH',
          body: hidden ? { hidden, reason: reason ?? '' } : { hidden },
        })
      ).thread,
    resolve: (id: string, decision: Decision, note: string) =>
      post<Thread>(`${thread(id)}/resolve`, { decision, note }),
    reopen: (id: string) => post<Thread>(`${thread(id)}/reopen`),
    accept: (id: string) => post<Thread>(`${thread(id)}/accept`),
    reject: (id: string, note: string) => post<Thread>(`${thread(id)}/reject`, { note }),
    /** Marks this visit, so "Nieuw voor u" starts counting from now. */
    seen: () => post<{ seenAt: string }>(`${base}/seen`),
  }
}

/** The calls {@link threadsApi} offers. */
export type ThreadsApi = ReturnType<typeof threadsApi>
