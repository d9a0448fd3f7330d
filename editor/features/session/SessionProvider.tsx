import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiError, api, onUnauthorized } from '../../lib/api.ts'
import type { Me } from '../../lib/types.ts'
import { clearBrowserData } from './clearBrowserData.ts'
import {
  type Session,
  SessionContext,
  type SessionState,
  type SignedOutReason,
} from './SessionContext.ts'
import { readToken, takeTokenFromLocation, writeToken } from './tokenStore.ts'

/** How often the editor checks that its token still works (revocation, A5). */
const RECHECK_MS = 60_000

/** Takes an invite token from the address, if there is one; a new person starts clean. */
async function adoptTokenFromLocation(): Promise<void> {
  const token = takeTokenFromLocation(window.location, window.history)
  if (!token) return
  const previous = readToken()
  if (previous && previous !== token) await clearBrowserData()
  writeToken(token)
}

/** Holds who is signed in; signs in from an invite link and out on request or on 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const signingOut = useRef(false)

  const signOut = useCallback(async (reason: SignedOutReason = 'signedOut') => {
    if (signingOut.current) return
    signingOut.current = true
    try {
      await clearBrowserData()
    } finally {
      signingOut.current = false
      setState({ status: 'signedOut', reason })
      if (window.location.hash !== '#/') window.history.replaceState(null, '', '#/')
    }
  }, [])

  const load = useCallback(async () => {
    await adoptTokenFromLocation()
    if (!readToken()) {
      setState((current) =>
        current.status === 'signedOut' ? current : { status: 'signedOut', reason: 'none' },
      )
      return
    }
    try {
      setState({ status: 'signedIn', me: await api<Me>('api/me') })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return // handled by onUnauthorized
      const message = error instanceof Error ? error.message : String(error)
      setState({ status: 'unreachable', message })
    }
  }, [])

  useEffect(() => onUnauthorized(() => void signOut('invalid')), [signOut])

  useEffect(() => {
    void load()
    const onHashChange = () => {
      if (window.location.hash.startsWith('#/welkom?')) void load()
    }
    const recheck = () => {
      if (readToken()) api<Me>('api/me').catch(() => undefined)
    }
    window.addEventListener('hashchange', onHashChange)
    window.addEventListener('focus', recheck)
    const timer = window.setInterval(recheck, RECHECK_MS)
    return () => {
      window.removeEventListener('hashchange', onHashChange)
      window.removeEventListener('focus', recheck)
      window.clearInterval(timer)
    }
  }, [load])

  const session = useMemo<Session>(
    () => ({ state, signOut, retry: () => void load() }),
    [state, signOut, load],
  )
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}
