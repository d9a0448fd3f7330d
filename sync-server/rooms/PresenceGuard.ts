/**
 * Applies awareness from sockets to the room's awareness without letting anyone
 * forge presence (contract A6). y-websocket clients relay every awareness update
 * they receive, so a socket's frames also carry other people's states: those
 * entries are dropped, and only states for the socket's own client ids are
 * applied, with the `user` that others see taken from the token's person.
 * A socket's ids are the first ones it announces that no other live socket
 * holds and no other person has written with.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Connection } from '../transport/Connection.ts'
import type { Authorship } from './Authorship.ts'
import { type AwarenessEntry, decodeAwarenessUpdate, encodeAwarenessUpdate } from './presence.ts'

/** A socket normally has one Yjs client id; a few allow for a reloaded binding. */
const MAX_IDS_PER_SOCKET = 4

export class PresenceGuard {
  readonly #awareness: awarenessProtocol.Awareness
  readonly #authorship: () => Authorship
  readonly #claims = new Map<number, Connection>()

  constructor(awareness: awarenessProtocol.Awareness, authorship: () => Authorship) {
    this.#awareness = awareness
    this.#authorship = authorship
  }

  /** @returns a refusal reason when the frame is malformed, else null */
  receive(conn: Connection, update: Uint8Array): string | null {
    let entries: AwarenessEntry[]
    try {
      entries = decodeAwarenessUpdate(update)
    } catch {
      return 'bad_awareness'
    }
    const own = entries.filter((entry) => this.#isOwn(conn, entry))
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
