/**
 * Changes the server makes to a document itself (block ids now; accepted
 * amendments and restores later). Each acting person gets a Yjs client id of the
 * server's own, recorded against that person, so authorship stays exact and no
 * client's id is ever reused.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { Authorship } from './Authorship.ts'

/** The person credited with changes nobody asked for (ids fixed at load). */
export const SYSTEM_PERSON_ID = 'systeem'

/** Origin of server transactions, so observers can tell them apart. */
export const SERVER_ORIGIN = Symbol('server')

export type OnServerWrite = (personId: string, update: Uint8Array, tr: Y.Transaction) => void

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
  readonly #onWrite: OnServerWrite
  readonly #clientIds = new Map<string, number>()

  constructor(doc: Y.Doc, authorship: () => Authorship, onWrite: OnServerWrite) {
    this.#doc = doc
    this.#authorship = authorship
    this.#onWrite = onWrite
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
   * Runs `change` in one transaction under the person's server client id.
   * @param options.ownClient write under a client id used for this change
   *   alone, so what it wrote can be told apart later (an accepted amendment)
   * @returns what the change did, or null when it changed nothing
   */
  write(personId: string, change: () => void, options: { ownClient?: boolean } = {}) {
    const previous = this.#doc.clientID
    const clientId = options.ownClient ? this.#newClientId(personId) : this.#clientIdFor(personId)
    let captured: { update: Uint8Array; tr: Y.Transaction } | null = null
    // Only the change itself: a clean-up transaction Yjs may run after it is
    // made by every replica on its own.
    const listener = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (origin === SERVER_ORIGIN) captured ??= { update, tr }
    }
    this.#doc.clientID = clientId
    this.#doc.on('update', listener)
    try {
      this.#doc.transact(change, SERVER_ORIGIN)
    } finally {
      this.#doc.off('update', listener)
      this.#doc.clientID = previous
    }
    const result = captured as { update: Uint8Array; tr: Y.Transaction } | null
    if (!result) return null
    this.#onWrite(personId, result.update, result.tr)
    const { tr } = result
    const deleted: ServerWrite['deleted'] = []
    for (const [client, items] of tr.deleteSet.clients)
      for (const item of items) deleted.push([client, item.clock, item.len])
    const inserted = (tr.afterState.get(clientId) ?? 0) > (tr.beforeState.get(clientId) ?? 0)
    return { clientId, inserted, deleted } satisfies ServerWrite
  }
}
