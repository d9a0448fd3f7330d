import { useEffect } from 'react'
import {
  ACCESS_CHANGED,
  CLOSE_GOING_AWAY,
  CloseCode,
  CloseReason,
} from '../../../shared/protocol.ts'
import type { Collab } from './createCollab.ts'
import { RECONNECTED } from './serverEvents.ts'

/** True for the closes that mean the person's access is not what this page thinks. */
function accessChanged(event: { code: number; reason: string }): boolean {
  return (
    (event.code === CLOSE_GOING_AWAY && event.reason === ACCESS_CHANGED) ||
    // an edit refused because the person may not write: the change happened while offline
    (event.code === CloseCode.forbidden.code && event.reason === CloseReason.readOnly)
  )
}

/**
 * Calls `refresh` when the person's access may have changed: the server closed
 * the proposal's socket because an editor changed it, or refused an edit
 * because they may not write, or the connection came back after a time in
 * which a change would have closed no socket. The provider reconnects with the
 * rights the server holds, and the page must show them too (read-only for a
 * member, the editor for a writer, the "no access" page for a proposal taken
 * off their list) without a reload.
 */
export function useAccessChanges(collab: Collab | null, refresh: () => Promise<void>): void {
  useEffect(() => {
    if (!collab) return
    const onClose = (event: { code: number; reason: string } | null) => {
      if (event && accessChanged(event)) void refresh()
    }
    collab.provider.on('connection-close', onClose)
    const offReconnected = collab.events.on(RECONNECTED, () => void refresh())
    return () => {
      collab.provider.off('connection-close', onClose)
      offReconnected()
    }
  }, [collab, refresh])
}
