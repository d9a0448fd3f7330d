/**
 * An append-only file of JSON lines, for records that only grow (positions,
 * activity): each append writes one whole line and fsyncs, nothing is ever
 * rewritten. A last line cut short by a crash is ignored; a broken line before
 * it is corruption (contract P6). An append whose write or fsync fails rejects
 * (the caller answers with an error), and whatever part of the line reached the
 * file is cut off, so the next line never joins it.
 */
import { mkdirSync, readSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StorageError } from '../../errors.ts'
import { type FileOps, nodeFileOps, writeFully } from '../fileOps.ts'

export class JsonLines<T> {
  readonly path: string
  readonly #ops: FileOps
  #queue: Promise<void> = Promise.resolve()
  #checkedTail = false

  constructor(path: string, ops: FileOps = nodeFileOps) {
    this.path = path
    this.#ops = ops
  }

  /** @throws StorageError when a line before the last cannot be parsed */
  async read(): Promise<T[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new StorageError(this.path, (error as Error).message)
    }
    const lines = text.split('\n')
    const records: T[] = []
    lines.forEach((line, index) => {
      if (!line) return
      try {
        records.push(JSON.parse(line) as T)
      } catch {
        const isTornTail = index === lines.length - 1
        if (!isTornTail) throw new StorageError(this.path, `line ${index + 1} is not valid JSON`)
      }
    })
    return records
  }

  /** Appends one record; durable (fsynced) when the promise resolves. */
  append(record: T): Promise<void> {
    return this.appendAll([record])
  }

  /** Appends records with one write and one fsync; durable when the promise resolves. */
  appendAll(records: readonly T[]): Promise<void> {
    const line = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''))
    const next = this.#queue.then(() => {
      mkdirSync(dirname(this.path), { recursive: true })
      const fd = this.#ops.openSync(this.path, 'a+', 0o600)
      try {
        if (!this.#checkedTail) this.#dropTornTail(fd)
        const size = this.#ops.sizeSync(fd)
        try {
          writeFully(this.#ops, fd, line)
          this.#ops.fsyncSync(fd)
        } catch (error) {
          this.#cutBack(fd, size)
          throw error
        }
      } finally {
        this.#ops.closeSync(fd)
      }
    })
    this.#queue = next.catch(() => {})
    return next
  }

  /**
   * A line cut short by a crash was never acknowledged (appends resolve after
   * fsync); it is cut off so the next line does not join it.
   */
  #dropTornTail(fd: number): void {
    this.#checkedTail = true
    const size = this.#ops.sizeSync(fd)
    if (size === 0) return
    const tail = Buffer.alloc(Math.min(size, 64 * 1024))
    readSync(fd, tail, 0, tail.length, size - tail.length)
    if (tail[tail.length - 1] === 0x0a) return
    const lastNewline = tail.lastIndexOf(0x0a)
    this.#ops.ftruncateSync(
      fd,
      lastNewline < 0 ? size - tail.length : size - tail.length + lastNewline + 1,
    )
  }

  /** A failed append takes back what it wrote; if even that fails, the next append looks again. */
  #cutBack(fd: number, size: number): void {
    try {
      this.#ops.ftruncateSync(fd, size)
    } catch {
      this.#checkedTail = false
    }
  }
}
