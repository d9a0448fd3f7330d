/**
 * Server events (E1) on the sync socket: type-100 frames, only for sockets that
 * asked for them with `events=1`. A stock y-websocket client does not know type
 * 100 and never gets one; where it must be told something, it is told by a close.
 */
import { CloseCode } from '../../shared/protocol.ts'
import type { Status } from '../../shared/roles.ts'
import type { Connection } from '../transport/Connection.ts'
import { binaryFrame } from '../transport/frames.ts'
import { eventMessage } from './messages.ts'

/** A server event: `{type, …}` as JSON. */
export type RoomEvent = { type: string } & Record<string, unknown>

/** Sends one event to every socket that asked for events (one frame, built once). */
export function deliverEvent(connections: Iterable<Connection>, event: RoomEvent): void {
  const frame = binaryFrame(eventMessage(event))
  for (const conn of connections) if (conn.wantsEvents) conn.sendFrame(frame)
}

/** Sends each socket that asked for events its own version of an event, if any. */
export function deliverEventPer(
  connections: Iterable<Connection>,
  eventFor: (conn: Connection) => RoomEvent | null,
): void {
  for (const conn of connections) {
    if (!conn.wantsEvents) continue
    const event = eventFor(conn)
    if (event) conn.send(eventMessage(event))
  }
}

/**
 * Tells a socket that its update was refused because the text is frozen (S5):
 * by the `refused` event, or, for a socket without events, by closing it (4403).
 */
export function refuseWhileFrozen(conn: Connection, status: Status): void {
  if (conn.wantsEvents) conn.send(eventMessage({ type: 'refused', reason: 'frozen', status }))
  else conn.close(CloseCode.forbidden.code, 'frozen')
}
