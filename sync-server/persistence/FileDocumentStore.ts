/**
 * Documents on disk, one folder per proposal (format in `documentFiles.ts`).
 * An append is written synchronously, whole, before `append` resolves, so a
 * killed process loses nothing that was broadcast; fsync follows within
 * `fsyncDelayMs` (contract P5). Compaction writes a new snapshot atomically and
 * starts a new log generation, so no file is ever rewritten in place.
 *
 * A write or fsync that fails puts the proposal out of service: the append is
 * refused, a part of a record that did reach the file is cut off again, later
 * records go to a new log file (never behind a broken one), and `onFailure`
 * listeners (the rooms) are told, so that nothing more is acknowledged until the
 * proposal is loaded again from what is on disk.
 */
import { mkdirSync } from 'node:fs'
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
import { type FileOps, nodeFileOps, writeFully } from './fileOps.ts'
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
  /** Why writing failed; appends are refused until the proposal is loaded again. */
  failed?: unknown
}

export class FileDocumentStore implements DocumentStore {
  readonly #root: string
  readonly #fsyncDelayMs: number
  readonly #log: Logger
  readonly #ops: FileOps
  readonly #open = new Map<string, OpenLog>()
  /** Log files written to since their last fsync, with their proposal. */
  readonly #unsynced = new Map<number, string>()
  readonly #onFailure: Array<(proposalId: string, error: unknown) => void> = []
  #fsyncTimer: NodeJS.Timeout | null = null
  /** fsync rounds, one after another. */
  #syncing: Promise<void> = Promise.resolve()

  constructor(root: string, options: { fsyncDelayMs: number; log: Logger; fileOps?: FileOps }) {
    this.#root = root
    this.#fsyncDelayMs = options.fsyncDelayMs
    this.#log = options.log
    this.#ops = options.fileOps ?? nodeFileOps
  }

  onFailure(listener: (proposalId: string, error: unknown) => void): void {
    this.#onFailure.push(listener)
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
    // Loaded again from what is on disk: writing may start afresh.
    open.failed = undefined
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
      let decoded: ReturnType<typeof decodeRecords>
      try {
        decoded = decodeRecords(data)
      } catch (error) {
        throw new StorageError(path, (error as Error).message)
      }
      log.push(...decoded.records)
      if (decoded.tornTail)
        await this.#cutTornTail(proposalId, generation, path, decoded.complete, data.length)
    }
    const all = files.map((f) => f.generation)
    const nextGeneration = all.length ? Math.max(...all) + 1 : 0
    return { snapshot, log, bytes, nextGeneration }
  }

  /**
   * A record cut short (a crash or a failed write mid-record) was never
   * acknowledged: it is cut off, so the file holds whole records only. Every
   * whole record before it stays.
   */
  async #cutTornTail(
    proposalId: string,
    generation: number,
    path: string,
    complete: number,
    size: number,
  ): Promise<void> {
    const open = this.#open.get(proposalId)
    // The file appends go to now is never cut behind their back (it cannot be torn).
    if (open?.fd != null && open.generation === generation) return
    this.#log.warn('log ends in a partly written record; cutting it off', {
      file: path,
      keptBytes: complete,
      droppedBytes: size - complete,
    })
    await this.#ops.truncate(path, complete)
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
    if (open.failed !== undefined) return Promise.reject(open.failed)
    open.releasing = false
    try {
      if (open.fd === null) {
        mkdirSync(this.#dir(proposalId), { recursive: true })
        const path = join(this.#dir(proposalId), logFileName(open.generation))
        open.fd = this.#ops.openSync(path, 'a', 0o600)
      }
      const framed = encodeRecord(record)
      writeFully(this.#ops, open.fd, framed)
      open.bytes += framed.length
      this.#scheduleFsync(open.fd, proposalId)
      return Promise.resolve()
    } catch (error) {
      this.#fail(proposalId, open, error, 'write')
      return Promise.reject(error)
    }
  }

  /**
   * Writing failed: the proposal takes no more appends until it is loaded again.
   * After a failed write the file is cut back to its whole records; either way
   * it is closed, so later records start a new file rather than follow a torn one.
   */
  #fail(proposalId: string, open: OpenLog, error: unknown, what: 'write' | 'fsync'): void {
    if (open.failed !== undefined) return
    open.failed = error
    this.#log.error(`${what} of a proposal's log failed; it takes no more edits until reloaded`, {
      proposal: proposalId,
      error: String(error),
    })
    const fd = open.fd
    if (fd !== null) {
      this.#unsynced.delete(fd)
      try {
        if (what === 'write') this.#ops.ftruncateSync(fd, open.bytes)
      } catch (truncateError) {
        // The next load cuts the torn record off instead.
        this.#log.error('cutting off a partly written record failed', {
          proposal: proposalId,
          error: String(truncateError),
        })
      }
      try {
        this.#ops.closeSync(fd)
      } catch {}
      open.fd = null
      open.generation += 1
      open.bytes = 0
    }
    for (const listener of this.#onFailure) listener(proposalId, error)
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
        // The snapshot, fsynced, holds that log: it needs no fsync of its own, and
        // none may be running on it when it closes.
        this.#unsynced.delete(oldFd)
        await this.#syncing
        this.#ops.closeSync(oldFd)
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

  #scheduleFsync(fd: number, proposalId: string): void {
    this.#unsynced.set(fd, proposalId)
    if (this.#fsyncTimer) return
    this.#fsyncTimer = setTimeout(() => {
      this.#fsyncTimer = null
      this.#syncing = this.#syncing.then(() => this.#fsyncPending())
    }, this.#fsyncDelayMs)
  }

  /** fsyncs every log written since the last round; a failure puts its proposal out of service. */
  async #fsyncPending(): Promise<void> {
    const pending = [...this.#unsynced]
    this.#unsynced.clear()
    await Promise.all(
      pending.map(async ([fd, proposalId]) => {
        try {
          await this.#ops.fsync(fd)
        } catch (error) {
          // Linux may drop the unsynced pages after a failed fsync: a retry proves nothing.
          const open = this.#open.get(proposalId)
          if (open) this.#fail(proposalId, open, error, 'fsync')
          else
            this.#log.error('fsync of a log failed', { proposal: proposalId, error: String(error) })
        }
      }),
    )
  }

  /** fsyncs and closes every open log. */
  async close(): Promise<void> {
    if (this.#fsyncTimer) clearTimeout(this.#fsyncTimer)
    this.#fsyncTimer = null
    await this.#syncing
    await Promise.all([...this.#open.values()].map((open) => open.compacting))
    await this.#fsyncPending()
    for (const open of this.#open.values()) {
      if (open.fd !== null) this.#ops.closeSync(open.fd)
      open.fd = null
    }
  }
}
