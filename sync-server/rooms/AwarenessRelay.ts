/**
 * Carets and presence of one proposal. States from sockets pass the
 * PresenceGuard (A6); changes are forwarded in batches, because carets change on
 * every keystroke and forwarding each to every socket costs N² messages: the
 * changes of `flushMs` go out together, once, with each client's latest state —
 * or sooner, with the next text update, in the same write (`takeBatch`).
 * In a cluster, the batch of this instance's own sockets also goes to the other
 * instances (`share`), which apply it as remote presence.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { FRAGMENT_NAME } from '../../shared/schema.ts'
import type { Connection } from '../transport/Connection.ts'
import { type Outgoing, outgoingAwareness } from '../transport/Outgoing.ts'
import type { Authorship } from './Authorship.ts'
import { awarenessMessage } from './messages.ts'
import { PresenceGuard } from './PresenceGuard.ts'

/** Origin of presence that arrived from another instance. */
const REMOTE = Symbol('remote')

type Share = (message: { kind: string } & Record<string, unknown>) => void

/** Caret changes as one message, and which sockets need it. */
export interface CaretBatch {
  item: Outgoing
  isFor(conn: Connection): boolean
}

export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness
  readonly #guard: PresenceGuard
  readonly #connections: ReadonlySet<Connection>
  readonly #flushMs: number
  readonly #share: Share | null
  readonly #pending = new Set<number>()
  /** Clients whose pending change came from this instance's sockets. */
  readonly #pendingLocal = new Set<number>()
  #timer: NodeJS.Timeout | null = null

  constructor(
    doc: Y.Doc,
    authorship: () => Authorship,
    connections: ReadonlySet<Connection>,
    flushMs: number,
    share: Share | null = null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.#guard = new PresenceGuard(this.awareness, authorship, doc.getXmlFragment(FRAGMENT_NAME))
    this.#connections = connections
    this.#flushMs = flushMs
    this.#share = share
    this.awareness.on('update', this.#onUpdate)
  }

  /** Applies a socket's awareness frame. @returns a refusal reason for a malformed one */
  receive(conn: Connection, update: Uint8Array): string | null {
    return this.#guard.receive(conn, update)
  }

  /** Presence from another instance's sockets (checked there). */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
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

  #onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    for (const ids of [change.added, change.updated, change.removed]) {
      for (const id of ids) {
        this.#pending.add(id)
        if (origin === REMOTE) this.#pendingLocal.delete(id)
        else this.#pendingLocal.add(id)
      }
    }
    if (this.#flushMs <= 0) this.#flush()
    else this.#timer ??= setTimeout(() => this.#flush(), this.#flushMs)
  }

  /**
   * Takes the waiting carets now, to travel in the same write as a text update: a
   * caret moves with nearly every keystroke, and riding along costs a reader no
   * write of its own. Null when no caret waits.
   */
  takeBatch(): CaretBatch | null {
    return this.#pending.size === 0 ? null : this.#take()
  }

  #flush(): void {
    const batch = this.#take()
    if (!batch) return
    for (const conn of this.#connections) if (batch.isFor(conn)) conn.sendOutgoing(batch.item)
  }

  /** The waiting changes as one message (shared with the other instances first), or null. */
  #take(): CaretBatch | null {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const clients = [...this.#pending]
    const local = [...this.#pendingLocal]
    this.#pending.clear()
    this.#pendingLocal.clear()
    if (this.#share && local.length > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, local)
      this.#share({ kind: 'awareness', update: Buffer.from(update).toString('base64') })
    }
    if (clients.length === 0) return null
    return {
      item: outgoingAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)),
      // A socket whose own caret is all that changed needs nothing.
      isFor: (conn) => !clients.every((id) => conn.awarenessIds.has(id)),
    }
  }

  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.awareness.off('update', this.#onUpdate)
    this.awareness.destroy()
  }
}
