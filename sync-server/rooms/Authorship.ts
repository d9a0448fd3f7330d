/**
 * The server's own record of who wrote and who deleted each piece of text. Yjs
 * knows which client id made an item but not who deleted it, and a client id says
 * nothing about a person; this record says both, from the token of the socket
 * that sent each accepted update — never from what a client claims.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import { Provenance } from './Provenance.ts'

/** A run of deleted clocks of one client, and the index of the person who deleted it. */
type DeletedRun = [clock: number, length: number, person: number]

export class Authorship {
  /** Yjs client id → person id. A client id belongs to one person forever. */
  readonly #owners = new Map<number, string>()
  readonly #people: string[] = []
  readonly #personIndex = new Map<string, number>()
  readonly #deleted = new Map<number, DeletedRun[]>()
  readonly #unsorted = new Set<number>()
  /** Text rebuilt by an editor, mapped to the text it repeats. */
  provenance = new Provenance()

  /** The person a client id belongs to, if any. */
  ownerOf(clientId: number): string | undefined {
    return this.#owners.get(clientId)
  }

  /** Records that `clientId` belongs to `personId`. @throws when another person owns it */
  claim(clientId: number, personId: string): void {
    const owner = this.#owners.get(clientId)
    if (owner !== undefined && owner !== personId) {
      throw new Error(`client id ${clientId} belongs to another person`)
    }
    this.#owners.set(clientId, personId)
  }

  /** Records the deletions of one transaction as made by `personId`. */
  /** Credits `personId` with what a transaction wrote (new client ids) and deleted. */
  recordTransaction(personId: string, tr: Y.Transaction): void {
    for (const [client, clock] of tr.afterState) {
      if (tr.beforeState.get(client) !== clock) this.claim(client, personId)
    }
    this.recordDeletions(personId, tr.deleteSet)
  }

  recordDeletions(personId: string, deleteSet: Y.Transaction['deleteSet']): void {
    if (deleteSet.clients.size === 0) return
    const person = this.#indexOf(personId)
    for (const [client, items] of deleteSet.clients) {
      let runs = this.#deleted.get(client)
      if (!runs) {
        runs = []
        this.#deleted.set(client, runs)
      }
      for (const item of items) runs.push([item.clock, item.len, person])
      this.#unsorted.add(client)
    }
  }

  /** The person who deleted the item at (client, clock), if the server saw it. */
  deleterOf(client: number, clock: number): string | undefined {
    const runs = this.#sortedRuns(client)
    if (!runs) return undefined
    let low = 0
    let high = runs.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const [start, length, person] = runs[middle]!
      if (clock < start) high = middle - 1
      else if (clock >= start + length) low = middle + 1
      else return this.#people[person]
    }
    return undefined
  }

  /** Every client id and its owner. */
  owners(): ReadonlyMap<number, string> {
    return this.#owners
  }

  #indexOf(personId: string): number {
    let index = this.#personIndex.get(personId)
    if (index === undefined) {
      index = this.#people.length
      this.#people.push(personId)
      this.#personIndex.set(personId, index)
    }
    return index
  }

  #sortedRuns(client: number): DeletedRun[] | undefined {
    const runs = this.#deleted.get(client)
    if (runs && this.#unsorted.has(client)) {
      runs.sort((a, b) => a[0] - b[0])
      this.#unsorted.delete(client)
    }
    return runs
  }

  encode(): Uint8Array {
    // Owners who never deleted anything get their index before the table is written.
    for (const person of this.#owners.values()) this.#indexOf(person)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, this.#people.length)
    for (const person of this.#people) encoding.writeVarString(encoder, person)
    encoding.writeVarUint(encoder, this.#owners.size)
    for (const [client, person] of this.#owners) {
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, this.#indexOf(person))
    }
    encoding.writeVarUint(encoder, this.#deleted.size)
    for (const client of this.#deleted.keys()) {
      const runs = this.#sortedRuns(client)!
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, runs.length)
      for (const [clock, length, person] of runs) {
        encoding.writeVarUint(encoder, clock)
        encoding.writeVarUint(encoder, length)
        encoding.writeVarUint(encoder, person)
      }
    }
    this.provenance.encode(encoder)
    return encoding.toUint8Array(encoder)
  }

  /** @throws Error when `data` is not an encoded authorship record */
  static decode(data: Uint8Array): Authorship {
    const authorship = new Authorship()
    if (data.length === 0) return authorship
    const decoder = decoding.createDecoder(data)
    const format = decoding.readVarUint(decoder)
    if (format !== 1) throw new Error(`unknown authorship format ${format}`)
    const people: string[] = []
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const person = decoding.readVarString(decoder)
      people.push(person)
      authorship.#indexOf(person)
    }
    const personAt = (index: number) => {
      const person = people[index]
      if (person === undefined) throw new Error(`unknown person index ${index}`)
      return person
    }
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const client = decoding.readVarUint(decoder)
      authorship.#owners.set(client, personAt(decoding.readVarUint(decoder)))
    }
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const client = decoding.readVarUint(decoder)
      const runs: DeletedRun[] = []
      for (let m = decoding.readVarUint(decoder); m > 0; m--) {
        const clock = decoding.readVarUint(decoder)
        const length = decoding.readVarUint(decoder)
        const person = decoding.readVarUint(decoder)
        personAt(person)
        runs.push([clock, length, person])
      }
      authorship.#deleted.set(client, runs)
    }
    authorship.provenance = Provenance.decode(decoder)
    return authorship
  }
}
