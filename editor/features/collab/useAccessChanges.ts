import { useEffect } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { ACCESS_CHANGED, CLOSE_GOING_AWAY } from '../../../shared/protocol.ts'

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
      if (event?.code === CLOSE_GOING_AWAY && event.reason === ACCESS_CHANGED) void refresh()
    }
    provider.on('connection-close', onClose)
    return () => provider.off('connection-close', onClose)
  }, [provider, refresh])
}
