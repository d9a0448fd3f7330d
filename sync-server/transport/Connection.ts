/**
 * One sync socket: who is on it, what it may do, and a send that never lets a
 * client that does not read grow the server's memory. Every message goes through
 * the socket's SendQueue, so they leave in the order they were sent.
 */
import type { Socket } from 'node:net'
import type { WebSocket } from 'ws'
import type { Principal } from '../auth/Principal.ts'
import { binaryFrame } from './frames.ts'
import { type Outgoing, outgoingFrame } from './Outgoing.ts'
import { SendQueue } from './SendQueue.ts'

export interface ConnectionOptions {
  /** Close a socket whose unsent data exceeds this many bytes. @default 16 MiB */
  maxBufferedBytes: number
  /** Told when the server closes this socket because of something it sent or did. */
  onRefused?: ((reason: string) => void) | undefined
  /** True when the socket asked for server events (`events=1`, E1). @default false */
  wantsEvents?: boolean
}

export class Connection {
  readonly socket: WebSocket
  readonly principal: Principal
  readonly proposalId: string
  /** Yjs client ids this socket has published awareness for (A6). */
  readonly awarenessIds = new Set<number>()
  /** True when the socket asked for server events (E1); others never get type 100. */
  readonly wantsEvents: boolean
  /**
   * True once a sync step 2 went to this socket: since then it has been sent
   * every change, so a sync step 1 that holds all our structs lacks nothing.
   */
  caughtUp = false
  readonly #maxBuffered: number
  readonly #onRefused: ((reason: string) => void) | undefined
  #queue: SendQueue | undefined
  lastSentAt = Date.now()
  /** Updates with a gap since this socket's last accepted one (see Room). */
  gapRequests = 0
  /** When the last unanswered ping was sent, or null. */
  pingSentAt: number | null = null
  closed = false
  /**
   * Set when the server ended the socket, or would have (a refusal, a revocation, a
   * reader that does not read): whatever of it still waits is not handled. A socket the client
   * closed is `closed` but not this — what it sent before leaving still counts.
   */
  closedByServer = false

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
    this.#onRefused = options.onRefused
    this.wantsEvents = options.wantsEvents ?? false
    socket.on('close', () => {
      this.closed = true
    })
  }

  get personId(): string {
    return this.principal.person.id
  }

  /** Sends one message (y-websocket framing) to this socket alone. */
  send(data: Uint8Array): void {
    this.sendOutgoing(outgoingFrame(binaryFrame(data)))
  }

  /**
   * Calls `then` once everything sent to this socket so far has been handed to the
   * kernel (at once when nothing is under way, or when the socket is gone).
   */
  afterSent(then: () => void): void {
    if (this.#queue) this.#queue.afterPending(then)
    else then()
  }

  /**
   * Writes a frame made with `binaryFrame` as it is: one frame, built once, for
   * every receiver of a broadcast.
   */
  sendFrame(frame: Buffer): void {
    this.sendOutgoing(outgoingFrame(frame))
  }

  /**
   * Sends broadcast items: at once when nothing is being written to this socket,
   * else merged with what else waits for it (see SendQueue). Items given together
   * leave in one write.
   */
  sendOutgoing(...items: Outgoing[]): void {
    if (!this.#writable()) return
    const raw = (this.socket as unknown as { _socket?: Socket })._socket
    if (!raw) return
    this.#queue ??= new SendQueue(raw)
    this.#queue.push(...items)
    this.lastSentAt = Date.now()
  }

  /** True when the socket is open and its unsent data within bounds. */
  #writable(): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false
    if (this.socket.bufferedAmount + (this.#queue?.pendingBytes ?? 0) > this.#maxBuffered) {
      // A client that does not read would not read a close frame either: cut it
      // off at once (it reconnects and syncs afresh) rather than keep its buffer.
      this.#onRefused?.('send_buffer_full')
      this.closed = true
      this.closedByServer = true
      this.socket.terminate()
      return false
    }
    return true
  }

  close(code: number, reason: string): void {
    // Also when the client closed first: what of it still waits is not handled, as it
    // would not have been had the socket still been open.
    this.closedByServer = true
    if (this.closed) return
    if ((code >= 4400 && code < 4500) || code === 1013) this.#onRefused?.(reason)
    this.closed = true
    // what was sent before the close goes first (an event saying why, say)
    const close = () => this.socket.close(code, reason)
    if (this.#queue) this.#queue.afterPending(close)
    else close()
  }
}
