import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../../shared/protocol.ts'

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * Makes the provider publish only this browser's own presence. y-websocket
 * sends on every awareness change, also the states it just received from
 * others; a server that accepts awareness only for a socket's own client ids
 * (A6) may refuse that, and it is wasted traffic anyway.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const { awareness, doc } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const handler = (change: AwarenessChange, origin: unknown) => {
    if (origin === provider) return
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (!changed.includes(doc.clientID)) return
    const ws = provider.ws
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
    )
    ws.send(encoding.toUint8Array(encoder))
  }
  // The provider unregisters this property on destroy, so it must hold our handler.
  provider._awarenessUpdateHandler = handler
  awareness.on('update', handler)
}
