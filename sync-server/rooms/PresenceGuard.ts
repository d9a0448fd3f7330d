/**
 * Applies awareness from sockets to the room's awareness, refusing what would
 * forge presence (contract A6): states for client ids that belong to another
 * socket or person, too many ids on one socket, oversized or malformed states.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Connection } from '../transport/Connection.ts'
import type { Authorship } from './Authorship.ts'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './presence.ts'

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

  /** @returns a refusal reason, or null when the update was applied */
  receive(conn: Connection, update: Uint8Array): string | null {
    let entries: ReturnType<typeof decodeAwarenessUpdate>
    try {
      entries = decodeAwarenessUpdate(update)
    } catch {
      return 'bad_awareness'
    }
    for (const { clientId } of entries) {
      if (conn.awarenessIds.has(clientId)) continue
      const holder = this.#claims.get(clientId)
      const owner = this.#authorship().ownerOf(clientId)
      if ((holder && holder !== conn) || (owner !== undefined && owner !== conn.personId)) {
        return 'client_id_taken'
      }
      if (conn.awarenessIds.size >= MAX_IDS_PER_SOCKET) return 'too_many_client_ids'
      conn.awarenessIds.add(clientId)
      this.#claims.set(clientId, conn)
    }
    const { person } = conn.principal
    const user = { id: person.id, name: person.name, color: person.color, organisation: person.organisation }
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, encodeAwarenessUpdate(entries, user), conn)
    return null
  }

  /** Removes a closed socket's states, so others see them leave at once. */
  forget(conn: Connection): void {
    const ids = [...conn.awarenessIds]
    for (const id of ids) this.#claims.delete(id)
    const present = ids.filter((id) => this.#awareness.getStates().has(id))
    if (present.length > 0) awarenessProtocol.removeAwarenessStates(this.#awareness, present, 'closed')
  }
}
