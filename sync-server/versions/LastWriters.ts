/**
 * Who made the last change of each proposal's text, to credit its automatic
 * version. The rooms' change callback says only which proposal changed, so this
 * listens to each room's transactions from its first change on: a socket's
 * update has the socket as origin, a server change the person's own client id.
 * The first change of a room's life happens before the listener exists; when
 * that is the only change, nobody is known and the caller credits the server.
 */
import type * as Y from 'yjs'
import type { Room } from '../rooms/Room.ts'

export class LastWriters {
  readonly #watched = new WeakSet<Y.Doc>()
  readonly #last = new Map<string, string>()

  /** Notes a change of `room`'s text, by `personId` when the caller knows. */
  note(room: Room, personId?: string): void {
    if (personId) this.#last.set(room.id, personId)
    if (this.#watched.has(room.doc)) return
    this.#watched.add(room.doc)
    if (!personId) this.#last.delete(room.id)
    room.doc.on('afterTransaction', (tr: Y.Transaction) => {
      const person = personOf(tr, room)
      if (person) this.#last.set(room.id, person)
    })
  }

  /** The person of the last change noted, if known. */
  last(proposalId: string): string | undefined {
    return this.#last.get(proposalId)
  }
}

function personOf(tr: Y.Transaction, room: Room): string | undefined {
  const origin = tr.origin as { personId?: unknown } | null
  if (origin && typeof origin === 'object' && typeof origin.personId === 'string')
    return origin.personId
  // A change the server made for someone is written under that person's own client id.
  for (const [client, clock] of tr.afterState) {
    if (tr.beforeState.get(client) !== clock) return room.authorship.ownerOf(client)
  }
  return undefined
}
