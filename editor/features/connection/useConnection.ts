import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'

/** The sync socket's state, as the page explains it. */
export type Connection =
  | { kind: 'connecting' }
  | { kind: 'syncing' }
  | { kind: 'online' }
  /** `storage`: the server closed the socket because it could not store edits (1011 `storage_failed`). */
  | { kind: 'offline'; cause?: 'storage' }
  | { kind: 'closed'; code: number; reason: string }

/** Close code and reason of a server that cannot write: it drops the proposal and clients retry. */
const STORAGE_FAILED = { code: 1011, reason: 'storage_failed' }

/** Derives the connection state from a provider's events; null provider → connecting. */
export function useConnection(provider: WebsocketProvider | null): Connection {
  const [connection, setConnection] = useState<Connection>({ kind: 'connecting' })
  useEffect(() => {
    setConnection({ kind: 'connecting' })
    if (!provider) return
    const onStatus = ({ status }: { status: string }) => {
      // After an outage the page says "offline" until the text is in step again: a
      // socket that opens over a network that still carries nothing is no connection.
      if (status === 'connected') {
        setConnection((current) =>
          provider.synced
            ? { kind: 'online' }
            : current.kind === 'offline'
              ? current
              : { kind: 'syncing' },
        )
      }
      // While retrying, keep saying "offline" rather than flickering to "connecting".
      if (status === 'connecting') {
        setConnection((current) => (current.kind === 'offline' ? current : { kind: 'connecting' }))
      }
    }
    const onSync = (synced: boolean) => {
      if (synced && provider.wsconnected) setConnection({ kind: 'online' })
    }
    const onClose = (event: { code: number; reason: string } | null) => {
      const storage = event?.code === STORAGE_FAILED.code && event.reason === STORAGE_FAILED.reason
      setConnection((current) => {
        if (current.kind === 'closed') return current
        if (storage) return { kind: 'offline', cause: 'storage' }
        // While retrying after such a close, keep saying why.
        return current.kind === 'offline' ? current : { kind: 'offline' }
      })
    }
    const onClosed = (event: { code: number; reason: string }) => {
      setConnection({ kind: 'closed', code: event.code, reason: event.reason })
    }
    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('connection-close', onClose)
    provider.on('closed', onClosed)
    return () => {
      provider.off('status', onStatus)
      provider.off('sync', onSync)
      provider.off('connection-close', onClose)
      provider.off('closed', onClosed)
    }
  }, [provider])
  return connection
}
