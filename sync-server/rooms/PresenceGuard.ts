/**
 * Applies awareness from sockets to the room's awareness without letting anyone
 * forge presence (contract A6). y-websocket clients relay every awareness update
 * they receive, so a socket's frames also carry other people's states: those
 * entries are dropped, and only states for the socket's own client ids are
 * applied, with the `user` that others see taken from the token's person.
 * A socket's ids are the first ones it announces that no other live socket
 * holds and no other person has written with. Of each state only a
 * well-formed caret is kept (A7); a socket that keeps sending presence that
 * is not is closed.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { CloseReason, Limits } from '../../shared/protocol.ts'
import type { Connection } from '../transport/Connection.ts'
import type { Authorship } from './Authorship.ts'
import { type AwarenessEntry, decodeAwarenessUpdate, encodeAwarenessUpdate } from './presence.ts'
import { cleanPresence } from './presenceState.ts'

/** A socket normally has one Yjs client id; a few allow for a reloaded binding. */
const MAX_IDS_PER_SOCKET = 4

export class PresenceGuard {
  readonly #awareness: awarenessProtocol.Awareness
  readonly #authorship: () => Authorship
  readonly #root: Y.XmlFragment
  readonly #claims = new Map<number, Connection>()
  /** Malformed states each socket sent in a row. */
  readonly #malformed = new WeakMap<Connection, number>()

  /** @param root the fragment carets must lie in (`default`, S2) */
  constructor(
    awareness: awarenessProtocol.Awareness,
    authorship: () => Authorship,
    root: Y.XmlFragment,
  ) {
    this.#awareness = awareness
    this.#authorship = authorship
    this.#root = root
  }

  /** @returns a refusal reason when the frame is malformed, else null */
  receive(conn: Connection, update: Uint8Array): string | null {
    let entries: AwarenessEntry[]
    try {
      entries = decodeAwarenessUpdate(update)
    } catch {
      return 'bad_awareness'
    }
    const own = entries
      .filter((entry) => this.#isOwn(conn, entry))
      .map((entry) => this.#clean(conn, entry))
    if ((this.#malformed.get(conn) ?? 0) >= Limits.maxMalformedPresence)
      return CloseReason.badPresence
    if (own.length === 0) return null
    const { person } = conn.principal
    const user = {
      id: person.id,
      name: person.name,
      color: person.color,
      organisation: person.organisation,
    }
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, encodeAwarenessUpdate(own, user), conn)
    return null
  }

  /** The entry with only what others may see (A7), counting malformed states in a row. */
  #clean(conn: Connection, entry: AwarenessEntry): AwarenessEntry {
    if (entry.state === null) return entry
    const { state, malformed } = cleanPresence(entry.state, this.#root)
    this.#malformed.set(conn, malformed ? (this.#malformed.get(conn) ?? 0) + 1 : 0)
    return { ...entry, state }
  }

  #isOwn(conn: Connection, { clientId, state }: AwarenessEntry): boolean {
    if (conn.awarenessIds.has(clientId)) return true
    if (state === null || conn.awarenessIds.size >= MAX_IDS_PER_SOCKET) return false
    const holder = this.#claims.get(clientId)
    if (holder && holder !== conn && !holder.closed) return false
    const owner = this.#authorship().ownerOf(clientId)
    if (owner !== undefined && owner !== conn.personId) return false
    conn.awarenessIds.add(clientId)
    this.#claims.set(clientId, conn)
    return true
  }

  /** Removes a closed socket's states, so others see them leave at once. */
  forget(conn: Connection): void {
    const ids = [...conn.awarenessIds]
    for (const id of ids) if (this.#claims.get(id) === conn) this.#claims.delete(id)
    const present = ids.filter((id) => this.#awareness.getStates().has(id))
    if (present.length > 0)
      awarenessProtocol.removeAwarenessStates(this.#awareness, present, 'closed')
  }
}
