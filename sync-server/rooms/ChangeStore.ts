/**
 * Stores each change of a room's document and only then forwards it to the
 * room's sockets (P5: nothing is broadcast that could still be lost). It keeps
 * the last write, so sync answers wait for it, and an upper bound of the
 * document's encoded size. A write that fails (at once or later) ends the
 * document's service: nothing more is acknowledged that may not be on disk.
 */
import { storageFailed } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { Connection } from '../transport/Connection.ts'
import { type Outgoing, outgoingUpdate } from '../transport/Outgoing.ts'
import type { CaretBatch } from './AwarenessRelay.ts'

export interface ChangeStoreOptions {
  storage: Storage
  log: Logger
  metrics?: Metrics | undefined
  /** Compact once the log since the last snapshot passes this many bytes. */
  compactAfterBytes: number
}

/** What the store needs of its room: where to send, and the carets that travel with text. */
export interface StoreRoom {
  id: string
  connections: ReadonlySet<Connection>
  presence?: { takeBatch(): CaretBatch | null }
}

export class ChangeStore {
  /** The last append; sync answers wait for it so nobody sees unwritten state. */
  written: Promise<void> = Promise.resolve()
  /** An upper bound of the encoded document's size: state plus updates since. */
  size = 0
  /** Set once writing failed: the document is served no more (see `fail`). */
  failed = false
  /** A compaction is scheduled for the next turn. */
  #compactionDue = false
  readonly #room: StoreRoom
  readonly #options: ChangeStoreOptions
  readonly #onFailed: () => void

  /** @param onFailed called once, when writing failed (the room closes its sockets and leaves memory) */
  constructor(room: StoreRoom, options: ChangeStoreOptions, onFailed: () => void) {
    this.#room = room
    this.#options = options
    this.#onFailed = onFailed
  }

  /** Appends `update`, credited to `personId`, then sends it to every socket but `from`. */
  append(personId: string, update: Uint8Array, from: Connection | null): void {
    const { id } = this.#room
    let written: Promise<void>
    try {
      written = this.#options.storage.documents.append(id, { personId, update })
    } catch (error) {
      written = Promise.reject(error)
    }
    this.written = written
    this.size += update.length
    this.#options.metrics?.countEdit(update.length)
    const item = outgoingUpdate(update)
    written.then(
      () => this.#broadcast(item, from),
      (error) => this.fail(error),
    )
  }

  /** Sends an update another instance stored (cluster) to every socket here. */
  forward(update: Uint8Array): void {
    this.size += update.length
    this.#broadcast(outgoingUpdate(update), null)
  }

  /**
   * Sends a stored update to every socket but `from`, with the carets waiting for
   * their batch in the same write: a keystroke and the caret it moved cost a reader
   * one write, not two.
   */
  #broadcast(item: Outgoing, from: Connection | null): void {
    const carets = this.#room.presence?.takeBatch() ?? null
    for (const conn of this.#room.connections) {
      const withCarets = carets?.isFor(conn) ?? false
      if (conn === from) {
        if (withCarets) conn.sendOutgoing(carets!.item)
      } else if (withCarets) conn.sendOutgoing(item, carets!.item)
      else conn.sendOutgoing(item)
    }
  }

  /**
   * Compacts with `compact` once the log has passed its threshold, in a turn of the
   * event loop of its own: encoding a long text takes tens of milliseconds, which
   * should not add to the turn that handled the message.
   */
  compactIfDue(compact: () => Promise<void>): void {
    const { id } = this.#room
    if (this.#compactionDue) return
    if (this.#options.storage.documents.logBytes(id) <= this.#options.compactAfterBytes) return
    this.#compactionDue = true
    setImmediate(() => {
      this.#compactionDue = false
      if (this.failed) return
      // A failed compaction keeps the log; the next threshold or unload retries.
      compact().catch((error) =>
        this.#options.log.error('compaction failed', { proposal: id, error: String(error) }),
      )
    })
  }

  /**
   * Resolves once every change appended so far is written; for HTTP answers,
   * which must acknowledge nothing that is not stored.
   * @throws AppError storage_failed (503) when writing failed
   */
  async flushed(): Promise<void> {
    try {
      await this.written
    } catch {
      throw storageFailed()
    }
    if (this.failed) throw storageFailed()
  }

  /**
   * Writing failed (an append, or a later fsync): the document may hold changes
   * that are not on disk, so it is served no more. Logged once; the room is told.
   */
  fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.#options.log.error('writing an update failed; closing the proposal', {
      proposal: this.#room.id,
      error: String(error),
    })
    this.#onFailed()
  }
}
