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
import { adoptSignInLink } from './signInLink.ts'
import { readToken, takeTokenFromLocation, writeToken } from './tokenStore.ts'

/** How often the editor checks that its token still works (revocation, A5). */
const RECHECK_MS = 60_000

const INVALID_LINK_NOTICE =
  'De link waarmee u deze pagina opende werkt niet (meer). U bent aangemeld gebleven zoals u was.'

/** Holds who is signed in; signs in from an invite link and out on request or on 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const signingOut = useRef(false)
  /** A link's token not yet settled: its check could not reach the server, or a choice is asked. */
  const pendingLink = useRef<string | null>(null)

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
    pendingLink.current =
      takeTokenFromLocation(window.location, window.history) ?? pendingLink.current
    let notice: string | undefined
    try {
      const link = await adoptSignInLink(pendingLink.current)
      if (link.kind === 'ask') {
        setState({ status: 'switching', current: link.current, next: link.next })
        return
      }
      pendingLink.current = null
      if (link.kind === 'invalid') notice = INVALID_LINK_NOTICE
      if (!readToken()) {
        setState((current) =>
          current.status === 'signedOut' ? current : { status: 'signedOut', reason: 'none' },
        )
        return
      }
      setState({ status: 'signedIn', me: await api<Me>('api/me'), notice })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return // handled by onUnauthorized
      const message = error instanceof Error ? error.message : String(error)
      setState({ status: 'unreachable', message })
    }
  }, [])

  const refresh = useCallback(async () => {
    if (!readToken()) return
    try {
      const me = await api<Me>('api/me')
      setState((current) =>
        current.status === 'signedIn' && JSON.stringify(current.me) !== JSON.stringify(me)
          ? { ...current, me }
          : current,
      )
    } catch {
      // 401 signs out (onUnauthorized); unreachable: the next reconnect asks again
    }
  }, [])

  const switchPerson = useCallback(async () => {
    const token = pendingLink.current
    if (!token) return
    await clearBrowserData()
    writeToken(token)
    pendingLink.current = null
    await load()
  }, [load])

  const staySignedIn = useCallback(() => {
    pendingLink.current = null
    void load()
  }, [load])

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
    () => ({ state, signOut, retry: () => void load(), refresh, switchPerson, staySignedIn }),
    [state, signOut, load, refresh, switchPerson, staySignedIn],
  )
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}
