import { useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { ApiError, api } from '../../lib/api.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'
import { hrefFor } from '../../lib/route.ts'
import { useApi } from '../../lib/useApi.ts'
import { MailSettings } from './MailSettings.tsx'
import { unreadChanged } from './useUnreadCount.ts'

interface Listed {
  unread: number
  items: Array<{
    id: string
    kind: string
    proposalId: string
    text: string
    createdAt: string
    read: boolean
  }>
}

/** "Meldingen" (M4): what happened that concerns you, newest first, and the mail settings. */
export function NotificationsPage() {
  const { state, reload } = useApi<Listed>('api/notifications')
  const [message, setMessage] = useState('')

  const markAllRead = async () => {
    try {
      await api('api/notifications/read', { method: 'POST', body: {} })
      setMessage('Alle meldingen zijn als gelezen gemarkeerd.')
      unreadChanged()
      await reload()
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Dat is niet gelukt.')
    }
  }

  return (
    <div className="stack">
      <PageTitle title="Meldingen">Meldingen</PageTitle>
      <p className="lead">
        Reacties op uw discussies, besluiten over uw voorstellen, nieuwe consultatierondes en
        herinneringen.
      </p>
      <section className="stack" aria-labelledby="notifications-list-title">
        <h2 id="notifications-list-title">
          {state.status === 'ready' && state.data.unread > 0
            ? `${state.data.unread} ongelezen`
            : 'Uw meldingen'}
        </h2>
        {state.status === 'loading' && <p role="status">Meldingen worden geladen…</p>}
        {state.status === 'error' && <p className="alert alert--warning">{state.error.message}</p>}
        {state.status === 'ready' && state.data.items.length === 0 && (
          <p>Er zijn nog geen meldingen voor u.</p>
        )}
        {state.status === 'ready' && state.data.unread > 0 && (
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void markAllRead()}
            >
              Alles als gelezen markeren
            </button>
          </div>
        )}
        <p role="status">{message}</p>
        {state.status === 'ready' && state.data.items.length > 0 && (
          <ul className="notification-list" data-testid="notification-list">
            {state.data.items.map((item) => (
              <li
                key={item.id}
                className={item.read ? 'notification' : 'notification notification--unread'}
              >
                {!item.read && <span className="new-badge">Nieuw</span>}{' '}
                <a href={hrefFor({ name: 'proposal', id: item.proposalId })}>{item.text}</a>
                <span className="notification__time">{formatDateTime(item.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MailSettings />
    </div>
  )
}
