import { createContext, useContext } from 'react'
import type { Me } from '../../lib/types.ts'
import type { VersionTarget } from '../versions/types.ts'
import type { ThreadsApi } from './threadsApi.ts'
import type { Thread } from './types.ts'

/** What every part of the panel needs: who is looking, the API, and how to report back. */
export interface CommentsContextValue {
  me: Me
  /** VNG editors resolve, reopen, accept, reject and hide (A2). */
  canModerate: boolean
  api: ThreadsApi
  /** Puts a changed thread into the panel at once (the event follows). */
  apply(thread: Thread): void
  /** Says something in the live region, for screen-reader users. */
  announce(text: string): void
  /** Shows a version or comparison in the text column (an outdated thread's change, R6). */
  showVersion?: ((target: VersionTarget) => void) | undefined
}

/** Provided by the comments panel to its threads, comments and forms. */
export const CommentsContext = createContext<CommentsContextValue | null>(null)

/** The comments context; only inside the comments panel. */
export function useCommentsContext(): CommentsContextValue {
  const value = useContext(CommentsContext)
  if (!value) throw new Error('useCommentsContext buiten CommentsContext')
  return value
}
