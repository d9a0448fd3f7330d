/**
 * A lowdb adapter that parses strictly and writes durably. lowdb's own JSONFile
 * writes without fsync, and `JSONFilePreset` silently keeps data in memory under
 * NODE_ENV=test; this adapter does neither.
 */
import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { StorageError } from '../../errors.ts'
import { writeFileAtomic } from '../atomicFile.ts'

export class DurableJsonFile<T> implements Adapter<T> {
  readonly #path: string
  /** Writes of one file happen one after another, in call order. */
  #queue: Promise<void> = Promise.resolve()

  constructor(path: string) {
    this.#path = path
  }

  /** @returns null when the file does not exist yet. @throws StorageError when unreadable (P6). */
  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.#path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new StorageError(this.#path, (error as Error).message)
    }
    try {
      return JSON.parse(text) as T
    } catch (error) {
      throw new StorageError(this.#path, `not valid JSON (${(error as Error).message})`)
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 1)
    const next = this.#queue.then(() => writeFileAtomic(this.#path, text))
    this.#queue = next.catch(() => {})
    return next
  }
}
