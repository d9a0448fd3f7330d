/**
 * One small JSON collection per proposal (`<dir>/<proposalId>.json`), so a busy
 * proposal never rewrites the others' records. Opened lazily, all checked at start.
 */
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { JsonCollection } from './JsonCollection.ts'

export class CollectionsByProposal<T extends { id: string }> {
  readonly #dir: string
  readonly #open = new Map<string, Promise<JsonCollection<T>>>()

  constructor(dir: string) {
    this.#dir = dir
  }

  /** Reads every file, so unreadable data stops the start (P6). */
  async verifyAll(): Promise<void> {
    await mkdir(this.#dir, { recursive: true })
    for (const name of await readdir(this.#dir)) {
      if (name.endsWith('.json')) await this.of(name.slice(0, -'.json'.length))
    }
  }

  of(proposalId: string): Promise<JsonCollection<T>> {
    let collection = this.#open.get(proposalId)
    if (!collection) {
      collection = (async () => {
        const opened = new JsonCollection<T>(join(this.#dir, `${proposalId}.json`))
        await opened.read()
        return opened
      })()
      this.#open.set(proposalId, collection)
      collection.catch(() => this.#open.delete(proposalId))
    }
    return collection
  }
}
