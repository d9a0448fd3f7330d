/**
 * The writes of one socket. A message goes out at once when nothing of ours is still
 * being written to that socket; what arrives while a write is under way waits for it,
 * and then leaves in one write, merged (Outgoing.mergeForSending). Nothing is held back
 * by a timer: a socket that keeps up gets every message the moment it is sent, one that
 * falls behind (a slow reader, a burst) gets fewer, bigger writes instead of a queue of
 * small ones, which is where a server with hundreds of readers spends its time.
 */
import type { Socket } from 'node:net'
import { mergeForSending, type Outgoing } from './Outgoing.ts'

export class SendQueue {
  readonly #socket: Socket
  #pending: Outgoing[] = []
  #pendingBytes = 0
  /** Our writes whose data the kernel has not taken yet (their callbacks are due). */
  #underWay = 0
  #whenIdle: Array<() => void> = []

  constructor(socket: Socket) {
    this.#socket = socket
  }

  /** Bytes waiting here, not yet handed to the socket. */
  get pendingBytes(): number {
    return this.#pendingBytes
  }

  /**
   * Sends `items` now, in one write, or with what else arrives before the write under
   * way is done. Items given together (a text update and the carets that travel with
   * it) always share a write: a reader that keeps up pays one write for both.
   */
  push(...items: Outgoing[]): void {
    if (this.#underWay === 0) {
      this.#write(items.length === 1 ? items[0]!.frame : mergeForSending(items))
      return
    }
    for (const item of items) {
      this.#pending.push(item)
      this.#pendingBytes += item.frame.length
    }
  }

  /** Calls `then` once everything sent so far is written (at once when it is). */
  afterPending(then: () => void): void {
    if (this.#underWay === 0) then()
    else this.#whenIdle.push(then)
  }

  #write(data: Buffer): void {
    if (this.#socket.destroyed) return
    this.#underWay++
    this.#socket.write(data, this.#written)
  }

  #written = (error?: Error | null): void => {
    this.#underWay--
    if (error) {
      // the socket is going away; its close handler cleans up
      this.#pending = []
      this.#pendingBytes = 0
      this.#idle()
      return
    }
    if (this.#underWay > 0) return
    if (this.#pending.length === 0) {
      this.#idle()
      return
    }
    const items = this.#pending
    this.#pending = []
    this.#pendingBytes = 0
    this.#write(mergeForSending(items))
  }

  #idle(): void {
    const waiting = this.#whenIdle
    this.#whenIdle = []
    for (const then of waiting) then()
  }
}
