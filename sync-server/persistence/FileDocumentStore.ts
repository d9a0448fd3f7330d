/**
 * Documents on disk, one folder per proposal (format in `documentFiles.ts`).
 * An append is written with one synchronous `write` before `append` resolves, so
 * a killed process loses nothing that was broadcast; fsync follows within
 * `fsyncDelayMs` (contract P5). Compaction writes a new snapshot atomically and
 * starts a new log generation, so no file is ever rewritten in place.
 */
import { closeSync, fsync, mkdirSync, openSync, writeSync } from 'node:fs'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { StorageError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { fsyncDirectory, writeFileAtomic } from './atomicFile.ts'
import {
  decodeRecords,
  decodeSnapshot,
  encodeRecord,
  encodeSnapshot,
  logFileName,
  parseFileName,
  stateFileName,
} from './documentFiles.ts'
import type { DocumentSnapshot, DocumentStore, LogRecord, StoredDocument } from './Storage.ts'

interface OpenLog {
  /** Generation new records go to. */
  generation: number
  fd: number | null
  bytes: number
  /** Compactions of one document run one after another. */
  compacting: Promise<void>
  /** Set by `release`; cleared by `load` and `append`. */
  releasing?: boolean
}

export class FileDocumentStore implements DocumentStore {
  readonly #root: string
  readonly #fsyncDelayMs: number
  readonly #log: Logger
  readonly #open = new Map<string, OpenLog>()
  readonly #unsynced = new Set<number>()
  #fsyncTimer: NodeJS.Timeout | null = null
  #syncing: Promise<void> = Promise.resolve()

  constructor(root: string, options: { fsyncDelayMs: number; log: Logger }) {
    this.#root = root
    this.#fsyncDelayMs = options.fsyncDelayMs
    this.#log = options.log
  }

  #dir(proposalId: string): string {
    return join(this.#root, proposalId)
  }

  /** Checks every document's files without decoding Yjs (contract P6). */
  async verifyAll(): Promise<void> {
    await mkdir(this.#root, { recursive: true })
    for (const entry of await readdir(this.#root, { withFileTypes: true })) {
      if (entry.isDirectory()) await this.#read(entry.name)
    }
  }

  async load(proposalId: string): Promise<StoredDocument> {
    const { snapshot, log, bytes, nextGeneration } = await this.#read(proposalId)
    const open = this.#entry(proposalId)
    open.releasing = false
    if (open.fd === null && open.generation < nextGeneration) open.generation = nextGeneration
    return { snapshot, log, bytes }
  }

  async #read(proposalId: string) {
    const dir = this.#dir(proposalId)
    let names: string[]
    try {
      names = await readdir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { snapshot: null, log: [], bytes: 0, nextGeneration: 0 }
      }
      throw error
    }
    for (const name of names.filter((n) => n.endsWith('.tmp'))) await rm(join(dir, name))
    const files = names.map(parseFileName).filter((f) => f !== null)
    const states = files.filter((f) => f.kind === 'state').map((f) => f.generation)
    const base = states.length ? Math.max(...states) : -1
    let snapshot: DocumentSnapshot | null = null
    let bytes = 0
    if (base >= 0) {
      const path = join(dir, stateFileName(base))
      const data = await readFile(path)
      bytes += data.length
      try {
        snapshot = decodeSnapshot(data)
      } catch (error) {
        throw new StorageError(path, (error as Error).message)
      }
    }
    const logs = files
      .filter((f) => f.kind === 'log' && f.generation >= base)
      .map((f) => f.generation)
      .sort((a, b) => a - b)
    const log: LogRecord[] = []
    for (const generation of logs) {
      const path = join(dir, logFileName(generation))
      const data = await readFile(path)
      bytes += data.length
      try {
        const { records, tornTail } = decodeRecords(data)
        log.push(...records)
        if (tornTail) this.#log.warn('log ends in a partly written record', { file: path })
      } catch (error) {
        throw new StorageError(path, (error as Error).message)
      }
    }
    const all = files.map((f) => f.generation)
    const nextGeneration = all.length ? Math.max(...all) + 1 : 0
    return { snapshot, log, bytes, nextGeneration }
  }

  #entry(proposalId: string): OpenLog {
    let open = this.#open.get(proposalId)
    if (!open) {
      open = { generation: 0, fd: null, bytes: 0, compacting: Promise.resolve() }
      this.#open.set(proposalId, open)
    }
    return open
  }

  append(proposalId: string, record: LogRecord): Promise<void> {
    // Synchronous on purpose: records of a proposal reach the file in call order,
    // and the write is done before the caller broadcasts.
    const open = this.#entry(proposalId)
    open.releasing = false
    if (open.fd === null) {
      mkdirSync(this.#dir(proposalId), { recursive: true })
      open.fd = openSync(join(this.#dir(proposalId), logFileName(open.generation)), 'a', 0o600)
    }
    const framed = encodeRecord(record)
    writeSync(open.fd, framed)
    open.bytes += framed.length
    this.#scheduleFsync(open.fd)
    return Promise.resolve()
  }

  release(proposalId: string): void {
    const open = this.#open.get(proposalId)
    if (!open || open.fd !== null || open.bytes > 0) return
    open.releasing = true
    void open.compacting.then(() => {
      // Loaded again meanwhile (load and append clear the flag): keep it.
      if (this.#open.get(proposalId) === open && open.releasing) this.#open.delete(proposalId)
    })
  }

  logBytes(proposalId: string): number {
    return this.#open.get(proposalId)?.bytes ?? 0
  }

  compact(proposalId: string, snapshot: DocumentSnapshot): Promise<void> {
    const open = this.#entry(proposalId)
    // Synchronously move later appends to a new generation: the snapshot holds
    // everything written to the current one.
    const generation = open.generation + 1
    const oldFd = open.fd
    open.generation = generation
    open.fd = null
    open.bytes = 0
    const dir = this.#dir(proposalId)
    const run = open.compacting.then(async () => {
      await mkdir(dir, { recursive: true })
      await writeFileAtomic(join(dir, stateFileName(generation)), encodeSnapshot(snapshot))
      if (oldFd !== null) {
        this.#unsynced.delete(oldFd)
        closeSync(oldFd)
      }
      for (const name of await readdir(dir)) {
        const file = parseFileName(name)
        if (file && file.generation < generation) await rm(join(dir, name), { force: true })
      }
      await fsyncDirectory(dir)
    })
    open.compacting = run.catch((error) => {
      this.#log.error('compaction failed', { proposal: proposalId, error: String(error) })
    })
    return run
  }

  #scheduleFsync(fd: number): void {
    this.#unsynced.add(fd)
    if (this.#fsyncTimer) return
    this.#fsyncTimer = setTimeout(() => {
      this.#fsyncTimer = null
      this.#syncing = this.#fsyncPending()
    }, this.#fsyncDelayMs)
  }

  async #fsyncPending(): Promise<void> {
    const fds = [...this.#unsynced]
    this.#unsynced.clear()
    await Promise.all(fds.map((fd) => new Promise<void>((resolve) => fsync(fd, () => resolve()))))
  }

  /** fsyncs and closes every open log. */
  async close(): Promise<void> {
    if (this.#fsyncTimer) clearTimeout(this.#fsyncTimer)
    this.#fsyncTimer = null
    await this.#syncing
    await Promise.all([...this.#open.values()].map((open) => open.compacting))
    await this.#fsyncPending()
    for (const open of this.#open.values()) {
      if (open.fd !== null) closeSync(open.fd)
      open.fd = null
    }
  }
}
