import { useUnreadCount } from './useUnreadCount.ts'
import './notifications.css'

/** "Meldingen" in the main menu, with the number of unread ones. */
export function NotificationsLink({ current }: { current: boolean }) {
  const unread = useUnreadCount()
  return (
    <a
      href="#/meldingen"
      aria-current={current ? 'page' : undefined}
      data-testid="notifications-link"
    >
      Meldingen
      {unread > 0 && (
        <span className="count-badge">
          {unread}
          <span className="visually-hidden"> ongelezen</span>
        </span>
      )}
    </a>
  )
}
