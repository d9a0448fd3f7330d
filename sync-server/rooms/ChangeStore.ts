/**
 * Stores each change of a room's document and only then forwards it to the
 * room's sockets (P5: nothing is broadcast that could still be lost). It keeps
 * the last write, so sync answers wait for it, and an upper bound of the
 * document's encoded size.
 */
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { Connection } from '../transport/Connection.ts'
import { outgoingUpdate } from '../transport/Outgoing.ts'

export interface ChangeStoreOptions {
  storage: Storage
  log: Logger
  metrics?: Metrics | undefined
  /** Compact once the log since the last snapshot passes this many bytes. */
  compactAfterBytes: number
}

export class ChangeStore {
  /** The last append; sync answers wait for it so nobody sees unwritten state. */
  written: Promise<void> = Promise.resolve()
  /** An upper bound of the encoded document's size: state plus updates since. */
  size = 0
  readonly #room: { id: string; connections: ReadonlySet<Connection> }
  readonly #options: ChangeStoreOptions

  constructor(
    room: { id: string; connections: ReadonlySet<Connection> },
    options: ChangeStoreOptions,
  ) {
    this.#room = room
    this.#options = options
  }

  /** Appends `update`, credited to `personId`, then sends it to every socket but `from`. */
  append(personId: string, update: Uint8Array, from: Connection | null): void {
    const { id, connections } = this.#room
    const written = this.#options.storage.documents.append(id, { personId, update })
    this.written = written
    this.size += update.length
    this.#options.metrics?.countEdit(update.length)
    const item = outgoingUpdate(update)
    written.then(
      () => {
        for (const conn of connections) if (conn !== from) conn.sendOutgoing(item)
      },
      (error) => this.#failWrite(error),
    )
  }

  /** Sends an update another instance stored (cluster) to every socket here. */
  forward(update: Uint8Array): void {
    this.size += update.length
    const item = outgoingUpdate(update)
    for (const conn of this.#room.connections) conn.sendOutgoing(item)
  }

  /** Compacts with `compact` once the log has passed its threshold. */
  compactIfDue(compact: () => Promise<void>): void {
    const { id } = this.#room
    if (this.#options.storage.documents.logBytes(id) <= this.#options.compactAfterBytes) return
    // A failed compaction keeps the log; the next threshold or unload retries.
    compact().catch((error) =>
      this.#options.log.error('compaction failed', { proposal: id, error: String(error) }),
    )
  }

  /** A failed write means we can no longer promise durability: stop serving. */
  #failWrite(error: unknown): void {
    this.#options.log.error('writing an update failed; closing the proposal', {
      proposal: this.#room.id,
      error: String(error),
    })
    for (const conn of this.#room.connections) conn.close(1011, 'storage_failed')
  }
}
