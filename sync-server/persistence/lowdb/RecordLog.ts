/**
 * Records kept in memory and stored as JSON lines of changes: a whole record
 * when it is created, only the changed fields after that. Queues and lists
 * that change one field of many records (mails sent, notifications read) then
 * cost one appended line each, never a rewrite of the whole file. The file is
 * rewritten once, at open, when old changes make up most of it.
 */
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { writeFileAtomic } from '../atomicFile.ts'
import { JsonLines } from './JsonLines.ts'

type Line<T> = { put: T } | { change: { id: string } & Partial<T> } | { drop: string }

export class RecordLog<T extends { id: string }> {
  readonly #path: string
  readonly #lines: JsonLines<Line<T>>
  readonly #records = new Map<string, T>()

  constructor(path: string) {
    this.#path = path
    this.#lines = new JsonLines(path)
  }

  /**
   * Reads the file (P6: a broken line before the last stops the start) and
   * rewrites it when it holds many more lines than records.
   * @param keep records to carry over when rewriting; the others are dropped
   */
  async read(keep: (record: T) => boolean = () => true): Promise<void> {
    const lines = await this.#lines.read()
    this.#records.clear()
    for (const line of lines) {
      if ('put' in line) this.#records.set(line.put.id, line.put)
      else if ('drop' in line) this.#records.delete(line.drop)
      else {
        const current = this.#records.get(line.change.id)
        if (current) this.#records.set(current.id, { ...current, ...line.change })
      }
    }
    for (const [id, record] of this.#records) if (!keep(record)) this.#records.delete(id)
    if (lines.length > 2 * this.#records.size + 64) {
      await mkdir(dirname(this.#path), { recursive: true })
      const text = [...this.#records.values()].map((put) => `${JSON.stringify({ put })}\n`)
      await writeFileAtomic(this.#path, text.join(''))
    }
  }

  get(id: string): T | undefined {
    return this.#records.get(id)
  }

  has(id: string): boolean {
    return this.#records.has(id)
  }

  /** Every record, in the order first stored. Read-only: change them through `change`. */
  values(): IterableIterator<T> {
    return this.#records.values()
  }

  get size(): number {
    return this.#records.size
  }

  /** Stores new records (or replaces whole ones); durable when it resolves. */
  put(records: readonly T[]): Promise<void> {
    if (records.length === 0) return Promise.resolve()
    for (const record of records) this.#records.set(record.id, record)
    return this.#lines.appendAll(records.map((put) => ({ put })))
  }

  /** Changes fields of existing records (unknown ids are skipped); durable when it resolves. */
  change(changes: ReadonlyArray<{ id: string } & Partial<T>>): Promise<void> {
    const known = changes.filter((change) => this.#records.has(change.id))
    if (known.length === 0) return Promise.resolve()
    for (const change of known) {
      this.#records.set(change.id, { ...(this.#records.get(change.id) as T), ...change })
    }
    return this.#lines.appendAll(known.map((change) => ({ change })))
  }
}
