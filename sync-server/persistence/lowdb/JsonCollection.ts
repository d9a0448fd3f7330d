/**
 * A keyed collection of records in one lowdb JSON file. Small metadata only:
 * lowdb rewrites the whole file on every write, so Yjs state and fast-growing
 * records never live here.
 */
import { Low } from 'lowdb'
import { StorageError } from '../../errors.ts'
import { DurableJsonFile } from './DurableJsonFile.ts'

interface CollectionFile<T> {
  version: 1
  items: T[]
}

export class JsonCollection<T extends { id: string }> {
  readonly #db: Low<CollectionFile<T>>
  readonly #path: string
  readonly #byId = new Map<string, T>()

  constructor(path: string) {
    this.#path = path
    this.#db = new Low<CollectionFile<T>>(new DurableJsonFile(path), { version: 1, items: [] })
  }

  /** @throws StorageError when the file is not a collection (P6) */
  async read(): Promise<void> {
    await this.#db.read()
    const data = this.#db.data as unknown
    if (
      typeof data !== 'object' ||
      data === null ||
      !Array.isArray((data as CollectionFile<T>).items) ||
      (data as CollectionFile<T>).items.some((item) => typeof item?.id !== 'string')
    ) {
      throw new StorageError(this.#path, 'not a list of records with ids')
    }
    this.#byId.clear()
    for (const item of this.#db.data.items) this.#byId.set(item.id, deepFreeze(item))
  }

  all(): T[] {
    return [...this.#byId.values()].map((item) => structuredClone(item))
  }

  /**
   * The records themselves, not copies, for reading only: they are frozen, and a
   * change replaces a record rather than altering it, so what a reader holds stays
   * as it was. Copying every record took most of the event loop's time for fifty
   * reactienota downloads at once.
   */
  shared(): ReadonlyArray<Readonly<T>> {
    return [...this.#byId.values()]
  }

  get(id: string): T | undefined {
    const item = this.#byId.get(id)
    return item && structuredClone(item)
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this.#byId.values()) if (predicate(item)) return structuredClone(item)
    return undefined
  }

  /**
   * Removes a record; resolves when the file is durably written. `check` sees
   * the record first and may refuse by throwing (nothing is removed then).
   */
  async remove(id: string, check?: (current: T) => void): Promise<void> {
    const current = this.#byId.get(id)
    if (!current) return
    check?.(structuredClone(current))
    this.#byId.delete(id)
    await this.#write()
  }

  /**
   * Changes a record in place: `apply` runs on a copy of the record as it is
   * now, with no await before the record is replaced, so in this one process
   * no other change comes in between (D4). A throwing `apply` writes nothing.
   * Resolves with the stored record once the file is durable; undefined when unknown.
   */
  async change(id: string, apply: (current: T) => T): Promise<T | undefined> {
    const current = this.#byId.get(id)
    if (!current) return undefined
    const next = apply(structuredClone(current))
    if (next.id !== id) throw new Error(`a change of ${id} may not change its id`)
    this.#byId.set(id, deepFreeze(structuredClone(next)))
    await this.#write()
    return next
  }

  /** Creates a record unless its id is taken; resolves false then, else true once durable. */
  async add(item: T): Promise<boolean> {
    if (this.#byId.has(item.id)) return false
    await this.put(item)
    return true
  }

  /** Creates or replaces a record; resolves when the file is durably written. */
  put(item: T): Promise<void> {
    return this.putAll([item])
  }

  /** Creates or replaces records with one write of the file; resolves when it is durable. */
  async putAll(items: readonly T[]): Promise<void> {
    for (const item of items) this.#byId.set(item.id, deepFreeze(structuredClone(item)))
    await this.#write()
  }

  #write(): Promise<void> {
    this.#db.data.items = [...this.#byId.values()]
    return this.#db.write()
  }
}

/** Freezes a plain record and everything in it (records here are JSON). */
function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
