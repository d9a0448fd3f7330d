/**
 * One sync socket: who is on it, what it may do, and a send that never lets a
 * client that does not read grow the server's memory.
 */
import type { WebSocket } from 'ws'
import type { Principal } from '../auth/Principal.ts'

export interface ConnectionOptions {
  /** Close a socket whose unsent data exceeds this many bytes. @default 16 MiB */
  maxBufferedBytes: number
}

export class Connection {
  readonly socket: WebSocket
  readonly principal: Principal
  readonly proposalId: string
  /** Yjs client ids this socket has published awareness for (A6). */
  readonly awarenessIds = new Set<number>()
  readonly #maxBuffered: number
  lastSentAt = Date.now()
  /** When the last unanswered ping was sent, or null. */
  pingSentAt: number | null = null
  closed = false

  constructor(
    socket: WebSocket,
    principal: Principal,
    proposalId: string,
    options: ConnectionOptions,
  ) {
    this.socket = socket
    this.principal = principal
    this.proposalId = proposalId
    this.#maxBuffered = options.maxBufferedBytes
    socket.on('close', () => {
      this.closed = true
    })
  }

  get personId(): string {
    return this.principal.person.id
  }

  send(data: Uint8Array): void {
    if (this.closed) return
    if (this.socket.bufferedAmount > this.#maxBuffered) {
      // 1013 "try again later": the client reconnects and syncs afresh.
      this.close(1013, 'send_buffer_full')
      return
    }
    this.socket.send(data, { binary: true })
    this.lastSentAt = Date.now()
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(code, reason)
  }
}
