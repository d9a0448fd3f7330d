/**
 * Who accepted which text (C6, V3). An accepted amendment is written under a
 * Yjs client id of its own and credited to its proposer; the thread records
 * that client id, the items the change deleted, and the editor who accepted
 * it. A comparison asks this index so each change can say "voorgesteld door X,
 * overgenomen door Y" — from the server's own records, like `by` itself.
 *
 * The person a comparison credits is carried as one key through the diff, so
 * changes of one person split where some were accepted and some not.
 */
import type { ThreadRecord } from '../../persistence/Storage.ts'

/** Separates the person from the editor who accepted in a credit key; no id holds it. */
const SEPARATOR = '\u0000'

/** The credit of a change: its person, and who accepted it if it was an accepted amendment. */
export function creditKey(personId: string, acceptedBy: string | undefined): string {
  return acceptedBy === undefined ? personId : `${personId}${SEPARATOR}${acceptedBy}`
}

export function readCreditKey(key: string): { personId: string; acceptedBy: string | null } {
  const at = key.indexOf(SEPARATOR)
  return at < 0
    ? { personId: key, acceptedBy: null }
    : { personId: key.slice(0, at), acceptedBy: key.slice(at + 1) }
}

type Run = [clock: number, length: number, acceptedBy: string]

export class AcceptedChanges {
  readonly #written = new Map<number, string>()
  readonly #deleted = new Map<number, Run[]>()

  /** Reads the acceptances of a proposal's threads. */
  static of(threads: Iterable<ThreadRecord>): AcceptedChanges {
    const index = new AcceptedChanges()
    for (const thread of threads) {
      const acceptance = thread.acceptance
      if (!acceptance) continue
      if (acceptance.client !== null) index.#written.set(acceptance.client, acceptance.by)
      for (const [client, clock, length] of acceptance.deleted) {
        const runs = index.#deleted.get(client) ?? []
        runs.push([clock, length, acceptance.by])
        index.#deleted.set(client, runs)
      }
    }
    return index
  }

  /** The editor who accepted the text written by `client`, if it was an accepted amendment. */
  writtenBy(client: number): string | undefined {
    return this.#written.get(client)
  }

  /** The editor whose acceptance deleted the item at (client, clock), if any. */
  deletedBy(client: number, clock: number): string | undefined {
    for (const [start, length, by] of this.#deleted.get(client) ?? [])
      if (clock >= start && clock < start + length) return by
    return undefined
  }
}
