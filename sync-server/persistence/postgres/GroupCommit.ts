/**
 * Group commit of document log records. One commit is in flight at a time; the
 * records appended while it runs wait and go together into the next one. So an
 * idle server commits a keystroke at once (one round trip), and a busy one
 * commits many keystrokes per transaction instead of one transaction each,
 * however many people type. Records are inserted in the order they were queued.
 */
import type { LogRecord } from '../Storage.ts'
import type { Queryable } from './database.ts'

interface Queued {
  proposalId: string
  record: LogRecord
  done(seq: number): void
  failed(error: unknown): void
}

/** Caps one transaction, so a burst of large updates still commits in steps. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024

// `WITH ORDINALITY … ORDER BY n` makes the identity column number the rows in
// queue order, which is the order `load` reads them back in.
const INSERT = `INSERT INTO document_log (proposal_id, person_id, update_bytes)
  SELECT p, a, u FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(p, a, u, n)
  ORDER BY n
  RETURNING seq`

export class GroupCommit {
  readonly #db: Queryable
  #queue: Queued[] = []
  #running: Promise<void> | null = null
  /** Commits so far and records in them, for metrics and tests. */
  commits = 0
  records = 0

  constructor(db: Queryable) {
    this.#db = db
  }

  /** Queues a record; resolves with its sequence number once it is committed. */
  add(proposalId: string, record: LogRecord): Promise<number> {
    return new Promise((done, failed) => {
      this.#queue.push({ proposalId, record, done, failed })
      this.#running ??= this.#run()
    })
  }

  /** Resolves when everything queued so far (and after) is committed or has failed. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running
  }

  async #run(): Promise<void> {
    // Let the rest of this tick queue too (a server-side change follows an
    // update synchronously), so they share the first commit.
    await Promise.resolve()
    while (this.#queue.length > 0) {
      const batch = this.#take()
      try {
        const { rows } = await this.#db.query<{ seq: number }>(INSERT, [
          batch.map((q) => q.proposalId),
          batch.map((q) => q.record.personId),
          batch.map((q) => Buffer.from(q.record.update)),
        ])
        // Numbers were drawn in queue order; sorting does not trust RETURNING's order.
        const seqs = rows.map((row) => row.seq).sort((a, b) => a - b)
        this.commits++
        this.records += batch.length
        for (const [i, queued] of batch.entries()) queued.done(seqs[i]!)
      } catch (error) {
        for (const queued of batch) queued.failed(error)
      }
    }
    this.#running = null
  }

  #take(): Queued[] {
    let bytes = 0
    let count = 0
    while (count < this.#queue.length && (count === 0 || bytes < MAX_BATCH_BYTES)) {
      bytes += this.#queue[count]!.record.update.byteLength
      count++
    }
    return this.#queue.splice(0, count)
  }
}
