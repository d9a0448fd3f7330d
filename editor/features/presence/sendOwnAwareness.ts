import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../../shared/protocol.ts'

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** `WebSocket.OPEN`, spelled out: the same in browsers and in `ws`. */
const OPEN = 1

/** An awareness message carrying only this client's own state (or its removal). */
function ownAwarenessMessage(provider: WebsocketProvider): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(provider.awareness, [provider.doc.clientID]),
  )
  return encoding.toUint8Array(encoder)
}

/**
 * Makes the provider publish only this browser's own presence, on every path it
 * sends presence by. y-websocket sends on every awareness change, also the states it
 * just received from others or dropped as outdated, and answers an awareness query
 * with everybody's states: with hundreds of readers each caret move would come back
 * hundreds of times. The server accepts awareness only for a socket's own client ids
 * (A6) and drops the rest, so that is wasted traffic. The provider's own paths that
 * stay as they are send only this client's state already: the state on connecting,
 * the removal when the page closes, the renewal every 15 s (a local change).
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const { awareness, doc } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const handler = (change: AwarenessChange, origin: unknown) => {
    if (origin === provider) return
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (!changed.includes(doc.clientID)) return
    const ws = provider.ws
    if (!provider.wsconnected || !ws || ws.readyState !== OPEN) return
    ws.send(ownAwarenessMessage(provider))
  }
  // The provider unregisters this property on destroy, so it must hold our handler.
  provider._awarenessUpdateHandler = handler
  awareness.on('update', handler)
  // The provider answers with what the handler writes into the encoder (its reply).
  provider.messageHandlers[MessageType.queryAwareness] = (encoder) => {
    encoding.writeUint8Array(encoder, ownAwarenessMessage(provider))
  }
}
