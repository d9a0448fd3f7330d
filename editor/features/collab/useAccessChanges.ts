import { useEffect } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import {
  ACCESS_CHANGED,
  CLOSE_GOING_AWAY,
  CloseCode,
  CloseReason,
} from '../../../shared/protocol.ts'

/** True for the closes that mean the person's access is not what this page thinks. */
function accessChanged(event: { code: number; reason: string }): boolean {
  return (
    (event.code === CLOSE_GOING_AWAY && event.reason === ACCESS_CHANGED) ||
    // an edit refused because the person may not write: the change happened while offline
    (event.code === CloseCode.forbidden.code && event.reason === CloseReason.readOnly)
  )
}

/**
 * Calls `refresh` when the server closed the proposal's socket because the
 * person's access changed: the provider reconnects with the new rights, and the
 * page must show them too (read-only for a member, the editor for a writer, the
 * "no access" page for a proposal taken off their list) without a reload.
 */
export function useAccessChanges(
  provider: WebsocketProvider | null,
  refresh: () => Promise<void>,
): void {
  useEffect(() => {
    if (!provider) return
    const onClose = (event: { code: number; reason: string } | null) => {
      if (event && accessChanged(event)) void refresh()
    }
    provider.on('connection-close', onClose)
    return () => provider.off('connection-close', onClose)
  }, [provider, refresh])
}
