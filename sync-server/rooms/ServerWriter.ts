/**
 * Changes the server makes to a document itself (block ids, repairs of merged
 * shapes, accepted amendments, restores, imports). Each acting person gets a
 * Yjs client id of the server's own, recorded against that person, so
 * authorship stays exact and no client's id is ever reused; an accepted
 * amendment may ask for a client id used for that change alone. Every change
 * goes through the room's `DocumentChanges`, so it is stored and sent like a
 * client's (S8). A change of the text is checked in the turn it is written
 * (`mayWriteText`): one that began before the proposal was frozen never lands
 * after it.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { Authorship } from './Authorship.ts'
import type { DocumentChange, DocumentChanges } from './DocumentChanges.ts'

export { SYSTEM_PERSON_ID } from './DocumentChanges.ts'

/** Origin of server transactions, so observers can tell them apart. */
export const SERVER_ORIGIN = Symbol('server')

/** Receives what a server change made: the change, then any cleanup Yjs ran after it. */
export type OnServerWrite = (changes: DocumentChange[]) => void

/** What one server change did: the client id it wrote with, whether it wrote, what it deleted. */
export interface ServerWrite {
  clientId: number
  inserted: boolean
  /** [client, clock, length] of every deleted run. */
  deleted: Array<[client: number, clock: number, length: number]>
}

export class ServerWriter {
  readonly #doc: Y.Doc
  readonly #authorship: () => Authorship
  readonly #changes: DocumentChanges
  readonly #onWrite: OnServerWrite
  readonly #mayWriteText: () => void
  readonly #clientIds = new Map<string, number>()

  constructor(
    doc: Y.Doc,
    authorship: () => Authorship,
    changes: DocumentChanges,
    onWrite: OnServerWrite,
    mayWriteText: () => void,
  ) {
    this.#doc = doc
    this.#authorship = authorship
    this.#changes = changes
    this.#onWrite = onWrite
    this.#mayWriteText = mayWriteText
  }

  #newClientId(personId: string): number {
    let clientId: number
    do clientId = randomBytes(4).readUInt32LE(0) >>> 1
    while (
      this.#authorship().ownerOf(clientId) !== undefined ||
      Y.getState(this.#doc.store, clientId) > 0
    )
    this.#authorship().claim(clientId, personId)
    return clientId
  }

  #clientIdFor(personId: string): number {
    let clientId = this.#clientIds.get(personId)
    if (clientId === undefined) {
      clientId = this.#newClientId(personId)
      this.#clientIds.set(personId, clientId)
    }
    return clientId
  }

  /**
   * Runs `change` in one transaction under the person's server client id,
   * through the room's `DocumentChanges` (S8).
   * @param options.ownClient write under a client id used for this change
   *   alone, so what it wrote can be told apart later (an accepted amendment)
   * @param options.followUp the change only follows an accepted one (block ids,
   *   merge repairs): it changes no one's text, so the status does not stop it
   * @returns what the change did, or null when it changed nothing
   * @throws whatever `mayWriteText` throws (frozen, storage_failed), before anything is written
   */
  write(
    personId: string,
    change: (tr: Y.Transaction) => void,
    options: { ownClient?: boolean; followUp?: boolean } = {},
  ): ServerWrite | null {
    if (!options.followUp) this.#mayWriteText()
    const previous = this.#doc.clientID
    const clientId = options.ownClient ? this.#newClientId(personId) : this.#clientIdFor(personId)
    this.#doc.clientID = clientId
    let made: DocumentChange[]
    try {
      made = this.#changes.collect(SERVER_ORIGIN, personId, () =>
        this.#doc.transact(change, SERVER_ORIGIN),
      )
    } finally {
      this.#doc.clientID = previous
    }
    if (made.length > 0) this.#onWrite(made)
    // The change itself, not a cleanup Yjs may have run after it (credited to the server).
    const own = made.find((one) => !one.cleanup)
    if (!own) return null
    const { tr } = own
    const deleted: ServerWrite['deleted'] = []
    for (const [client, items] of tr.deleteSet.clients)
      for (const item of items) deleted.push([client, item.clock, item.len])
    const inserted = (tr.afterState.get(clientId) ?? 0) > (tr.beforeState.get(clientId) ?? 0)
    return { clientId, inserted, deleted }
  }
}
