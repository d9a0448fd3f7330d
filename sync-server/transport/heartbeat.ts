/**
 * Keeps sockets honest (contract S6): every socket receives a message at least
 * every `intervalMs` (y-websocket clients reconnect after 30 s of silence, and
 * WebSocket pings do not count for them), and a socket that leaves a ping
 * unanswered for `intervalMs` is terminated.
 */
import { KEEPALIVE_MESSAGE } from '../rooms/messages.ts'
import type { Connection } from './Connection.ts'

export function startHeartbeat(
  connections: ReadonlySet<Connection>,
  intervalMs: number,
): () => void {
  const tick = Math.max(10, Math.floor(intervalMs / 3))
  const timer = setInterval(() => {
    const now = Date.now()
    for (const conn of connections) {
      if (conn.closed) continue
      if (conn.pingSentAt !== null && now - conn.pingSentAt > intervalMs) {
        conn.closed = true
        conn.socket.terminate()
        continue
      }
      if (now - conn.lastSentAt >= intervalMs - tick) conn.send(KEEPALIVE_MESSAGE)
      if (conn.pingSentAt === null) {
        conn.pingSentAt = now
        conn.socket.ping()
      }
    }
  }, tick)
  timer.unref()
  return () => clearInterval(timer)
}
