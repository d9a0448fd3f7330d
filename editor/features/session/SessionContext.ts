import { createContext, useContext } from 'react'
import type { Me } from '../../lib/types.ts'

/** Why nobody is signed in, which decides what the sign-in page says. */
export type SignedOutReason = 'none' | 'signedOut' | 'invalid' | 'revoked'

/** The session as the whole editor sees it. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'unreachable'; message: string }
  | { status: 'signedIn'; me: Me; notice?: string }
  /** A sign-in link of another person was opened: nothing changes until they choose. */
  | { status: 'switching'; current: Me; next: Me }

/** What components can do with the session. */
export interface Session {
  state: SessionState
  /** Clears everything the browser kept, then shows the sign-in page. */
  signOut(reason?: SignedOutReason): Promise<void>
  /** Asks the server again who we are (after it could not be reached). */
  retry(): void
  /**
   * Reads the signed-in person's role and proposals again, without leaving the
   * page: after an editor changed them (the server closes the sockets with
   * 1001 `access_changed`, A5).
   */
  refresh(): Promise<void>
  /** While switching: clears the current person's data and signs in as the link's person. */
  switchPerson(): Promise<void>
  /** While switching: forgets the link and stays signed in as before. */
  staySignedIn(): void
}

export const SessionContext = createContext<Session | null>(null)

/** The session; only inside {@link SessionProvider}. */
export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession buiten SessionProvider')
  return session
}

/** The signed-in person; only on pages that are shown when signed in. */
export function useMe(): Me {
  const { state } = useSession()
  if (state.status !== 'signedIn') throw new Error('useMe zonder aangemelde persoon')
  return state.me
}
