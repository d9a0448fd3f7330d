/**
 * Carets and presence of one proposal. States from sockets pass the
 * PresenceGuard (A6); changes are forwarded in batches, because carets change on
 * every keystroke and forwarding each to every socket costs N² messages: the
 * changes of `flushMs` go out together, once, with each client's latest state.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Connection } from '../transport/Connection.ts'
import { binaryFrame } from '../transport/frames.ts'
import type { Authorship } from './Authorship.ts'
import { awarenessMessage } from './messages.ts'
import { PresenceGuard } from './PresenceGuard.ts'

export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness
  readonly #guard: PresenceGuard
  readonly #connections: ReadonlySet<Connection>
  readonly #flushMs: number
  readonly #pending = new Set<number>()
  #timer: NodeJS.Timeout | null = null

  constructor(
    doc: Y.Doc,
    authorship: () => Authorship,
    connections: ReadonlySet<Connection>,
    flushMs: number,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.#guard = new PresenceGuard(this.awareness, authorship)
    this.#connections = connections
    this.#flushMs = flushMs
    this.awareness.on('update', this.#onUpdate)
  }

  /** Applies a socket's awareness frame. @returns a refusal reason for a malformed one */
  receive(conn: Connection, update: Uint8Array): string | null {
    return this.#guard.receive(conn, update)
  }

  /** Sends a socket every current state (on joining, or when it asks). */
  sendAll(conn: Connection): void {
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length === 0) return
    conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
  }

  /** Removes a closed socket's states, so others see them leave at once. */
  forget(conn: Connection): void {
    this.#guard.forget(conn)
  }

  #onUpdate = (change: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const ids of [change.added, change.updated, change.removed]) {
      for (const id of ids) this.#pending.add(id)
    }
    if (this.#flushMs <= 0) this.#flush()
    else this.#timer ??= setTimeout(() => this.#flush(), this.#flushMs)
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const clients = [...this.#pending]
    this.#pending.clear()
    if (clients.length === 0) return
    const frame = binaryFrame(
      awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)),
    )
    for (const conn of this.#connections) {
      // A socket whose own caret is all that changed needs nothing.
      if (!clients.every((id) => conn.awarenessIds.has(id))) conn.sendFrame(frame)
    }
  }

  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.awareness.off('update', this.#onUpdate)
    this.awareness.destroy()
  }
}
