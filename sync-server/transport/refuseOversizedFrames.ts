/**
 * Frames over the limit close with 4413 (contract A4, S4), decided from the
 * frame's header before any of its payload is held.
 *
 * `ws` checks `maxPayload` as soon as it has read a frame's length and then
 * closes with 1009 — after which y-websocket reconnects and sends the same
 * oversized update again, forever. Its receiver reports the limit as an error
 * event just before that close: a listener put in front of ws's own closes with
 * 4413 first, and ws's close(1009) that follows finds the socket closing and
 * does nothing. Everything else (stopping to read, discarding the rest of the
 * frame, ending the socket) stays ws's own.
 */
import type { EventEmitter } from 'node:events'
import type { WebSocket } from 'ws'

/** ws's receiver errors for a frame past `maxPayload`, and for one past 2^53 bytes. */
const TOO_LONG = new Set([
  'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
  'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH',
])

/**
 * Calls `refuse` (which must close the socket) when `ws` meets a frame longer
 * than its server's `maxPayload`.
 * @throws Error when this version of ws keeps no `_receiver` (an upgrade of ws moved it)
 */
export function refuseOversizedFrames(ws: WebSocket, refuse: () => void): void {
  const receiver = (ws as unknown as { _receiver?: EventEmitter })._receiver
  if (!receiver) throw new Error('ws has no _receiver: frames over the limit would close with 1009')
  receiver.prependListener('error', (error: { code?: unknown }) => {
    if (typeof error.code === 'string' && TOO_LONG.has(error.code)) refuse()
  })
}
