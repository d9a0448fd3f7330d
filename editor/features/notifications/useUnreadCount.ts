import { useCallback, useEffect, useState } from 'react'
import { api } from '../../lib/api.ts'

/** How often the unread count is asked for while the page is open. */
const POLL_MS = 60_000

/** Listeners told when notifications were read here, so the count follows at once. */
const listeners = new Set<() => void>()

/** Tells the header's count to ask again (after marking notifications read). */
export function unreadChanged(): void {
  for (const listener of listeners) listener()
}

/** The person's unread notifications, asked for every minute and when the tab comes back. */
export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0)
  const load = useCallback(() => {
    api<{ unread: number }>('api/notifications/count')
      .then((answer) => setUnread(answer.unread))
      .catch(() => {})
  }, [])
  useEffect(() => {
    load()
    const timer = setInterval(load, POLL_MS)
    const onVisible = () => document.visibilityState === 'visible' && load()
    document.addEventListener('visibilitychange', onVisible)
    listeners.add(load)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      listeners.delete(load)
    }
  }, [load])
  return unread
}
