import { useEffect, useRef } from 'react'
import { readToken } from '../session/tokenStore.ts'

/** How long the panel must have been in view before its news counts as seen. */
export const SEEN_AFTER_MS = 3000

/**
 * Tells the server the person has looked at the threads ("Nieuw voor u"
 * starts counting from then): after the loaded panel has been on a visible
 * page for {@link SEEN_AFTER_MS}, again after news arrives, and on leaving the
 * proposal. The markers stay in the panel for this visit, so the person can
 * still find what was new.
 */
export function useMarkSeen(seen: () => Promise<unknown>, loaded: boolean, unread: number): void {
  const markSeen = useRef(seen)
  markSeen.current = seen
  const looked = useRef(false)

  useEffect(() => {
    // News arriving while the person is here (`unread` changes) re-arms the timer.
    void unread
    if (!loaded) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const arm = () => {
      clearTimeout(timer)
      if (document.visibilityState !== 'visible') return
      timer = setTimeout(() => {
        looked.current = true
        void markSeen.current().catch(() => undefined)
      }, SEEN_AFTER_MS)
    }
    arm()
    document.addEventListener('visibilitychange', arm)
    return () => {
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', arm)
    }
  }, [loaded, unread])

  useEffect(
    () => () => {
      // Leaving after the list was shown: what was listed has been seen. Not
      // after signing out (no token): a 401 then would say the token is invalid.
      if ((loaded || looked.current) && readToken()) void markSeen.current().catch(() => undefined)
    },
    [loaded],
  )
}
