import type { ThreadAnchor } from '../comments/types.ts'

/** How the text shows suggestions: with them, the clean text, or only the passages they change. */
export const SUGGESTION_VIEWS = ['with', 'without', 'changes'] as const
/** One of {@link SUGGESTION_VIEWS}. */
export type SuggestionView = (typeof SUGGESTION_VIEWS)[number]

/** The words on the view toggle. */
export const VIEW_LABELS: Record<SuggestionView, string> = {
  with: 'Met voorstellen',
  without: 'Zonder voorstellen',
  changes: 'Alleen wijzigingen',
}

/**
 * A suggestion this person is making or changing in the text, kept in the
 * browser until the server has it (also across a reload and offline).
 */
export interface Draft {
  /** Stable in this browser; the thread id once the server made one. */
  key: string
  threadId: string | null
  /** The original text it replaces (`''` for an insertion) and where. */
  quote: string
  anchor: ThreadAnchor
  replacement: string
  /** True once the person took everything back: the thread is to be withdrawn. */
  removed: boolean
  /** Why the server refused it, in Dutch; the draft waits for the person. */
  error: string | null
  /** Bumped with every change, so a send knows whether it is still current. */
  revision: number
}

/** A suggestion as the text shows it: an open amendment, or a draft of this person's. */
export interface ShownSuggestion {
  /** The thread's id, or the draft's key while the server has none. */
  id: string
  threadId: string | null
  person: { id: string; name: string; organisation: string | null }
  color: string
  createdAt: string | null
  quote: string
  replacement: string
  anchor: ThreadAnchor
  mine: boolean
  /** Not (all) on the server yet. */
  pending: boolean
  /** Someone changed the original text since (C3): it cannot be taken over as it is. */
  quoteChanged: boolean
}

/** A suggestion with the range of the original text it replaces, in the current document. */
export interface PlacedSuggestion extends ShownSuggestion {
  from: number
  to: number
}
