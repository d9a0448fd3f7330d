/**
 * Changes the server makes to a document itself (block ids, accepted
 * amendments, restores, imports). Each acting person gets a Yjs client id of the
 * server's own, recorded against that person, so authorship stays exact and no
 * client's id is ever reused. Every change goes through the room's
 * `DocumentChanges`, so it is stored and sent like a client's (S8).
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

export class ServerWriter {
  readonly #doc: Y.Doc
  readonly #authorship: () => Authorship
  readonly #changes: DocumentChanges
  readonly #onWrite: OnServerWrite
  readonly #clientIds = new Map<string, number>()

  constructor(
    doc: Y.Doc,
    authorship: () => Authorship,
    changes: DocumentChanges,
    onWrite: OnServerWrite,
  ) {
    this.#doc = doc
    this.#authorship = authorship
    this.#changes = changes
    this.#onWrite = onWrite
  }

  #clientIdFor(personId: string): number {
    let clientId = this.#clientIds.get(personId)
    if (clientId === undefined) {
      do clientId = randomBytes(4).readUInt32LE(0) >>> 1
      while (
        this.#authorship().ownerOf(clientId) !== undefined ||
        Y.getState(this.#doc.store, clientId) > 0
      )
      this.#authorship().claim(clientId, personId)
      this.#clientIds.set(personId, clientId)
    }
    return clientId
  }

  /** Runs `change` in one transaction under the person's server client id. */
  write(personId: string, change: (tr: Y.Transaction) => void): void {
    const previous = this.#doc.clientID
    this.#doc.clientID = this.#clientIdFor(personId)
    let made: DocumentChange[]
    try {
      made = this.#changes.collect(SERVER_ORIGIN, personId, () =>
        this.#doc.transact(change, SERVER_ORIGIN),
      )
    } finally {
      this.#doc.clientID = previous
    }
    if (made.length > 0) this.#onWrite(made)
  }
}
