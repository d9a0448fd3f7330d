import type { Person } from '../../lib/types.ts'

/** A Yjs relative position as `Y.relativePositionToJSON` gives it; only y-tiptap reads it. */
export type RelativePositionJson = Record<string, unknown>

/** Where a thread sits in the text (C2, C3): relative positions of its first and last character. */
export interface ThreadAnchor {
  from: RelativePositionJson | null
  to: RelativePositionJson | null
}

/** An editor's decision on a thread (C5). */
export const DECISIONS = ['verwerkt', 'deels-verwerkt', 'niet-verwerkt'] as const
/** One of {@link DECISIONS}. */
export type Decision = (typeof DECISIONS)[number]

/** The decisions in plain Dutch, as the panel and the reactienota say them. */
export const DECISION_LABELS: Record<Decision, string> = {
  verwerkt: 'Verwerkt',
  'deels-verwerkt': 'Deels verwerkt',
  'niet-verwerkt': 'Niet verwerkt',
}

/** One comment of a thread (C3, C4). Bodies are plain text and are shown as text only. */
export interface ThreadComment {
  id: string
  author: Person
  body: string
  createdAt: string
  editedAt?: string
  deleted?: boolean
  hidden?: boolean
  /** Only for editors and the comment's author. */
  hiddenBy?: Person | null
  hiddenAt?: string
  hiddenReason?: string
}

/** A thread as the API and the `threads` event give it (docs/API.md). */
export interface Thread {
  id: string
  kind: 'comment' | 'amendment'
  status: 'open' | 'resolved'
  quote: string
  anchored: boolean
  anchor: ThreadAnchor
  blockId: string | null
  versionId: string | null
  outdated: boolean
  /** R6: the first later version in which the thread's passage reads differently. */
  outdatedVersionId?: string
  replacement?: string
  applied?: boolean
  /** The anchored text no longer reads as the quote: someone changed it since (C3). */
  quoteChanged?: boolean
  /** The proposer's colour, in which the text shows a suggestion. */
  color?: string | null
  decision?: Decision
  note?: string
  resolvedBy?: Person | null
  resolvedAt?: string
  createdBy: Person
  createdAt: string
  updatedAt: string
  /** News for the viewer since their last visit ("Nieuw voor u"). */
  unread: boolean
  comments: ThreadComment[]
}

/**
 * What a new thread needs (C2); `replacement` makes it an amendment, which may
 * leave out `body` (a suggestion made in the text) and, to insert, have an
 * empty `quote` with an anchor of one place.
 */
export interface NewThread {
  body?: string
  quote: string
  anchor?: ThreadAnchor
  replacement?: string
}

/** True for a value shaped like a thread; events from the server are checked with it. */
export function isThread(value: unknown): value is Thread {
  if (typeof value !== 'object' || value === null) return false
  const thread = value as Partial<Thread>
  return (
    typeof thread.id === 'string' &&
    (thread.kind === 'comment' || thread.kind === 'amendment') &&
    (thread.status === 'open' || thread.status === 'resolved') &&
    typeof thread.quote === 'string' &&
    Array.isArray(thread.comments) &&
    typeof thread.createdBy === 'object' &&
    thread.createdBy !== null
  )
}

/** True for a thread the text shows as a suggestion: an open amendment not yet taken over. */
export function isOpenSuggestion(thread: Thread): boolean {
  return thread.kind === 'amendment' && thread.status === 'open' && !thread.applied
}
