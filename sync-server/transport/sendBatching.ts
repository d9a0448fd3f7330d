/**
 * Frames sent to one socket during one turn of the event loop leave in one
 * write: the socket is corked at its first send and uncorked once the turn's
 * I/O is done (setImmediate). A room with many writers then costs one syscall
 * per socket per turn instead of one per update.
 */
import type { Socket } from 'node:net'

const corked = new Set<Socket>()
let scheduled = false

function flush(): void {
  scheduled = false
  for (const socket of corked) {
    if (!socket.destroyed) socket.uncork()
  }
  corked.clear()
}

/** Corks `socket` until the end of this turn of the event loop (once per turn). */
export function corkForThisTurn(socket: Socket | undefined): void {
  if (!socket || corked.has(socket) || socket.destroyed) return
  socket.cork()
  corked.add(socket)
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
}
