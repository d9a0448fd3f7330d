/**
 * Documents in PostgreSQL: a log of accepted updates (`document_log`) and the
 * latest compacted state per proposal (`document_snapshots`).
 *
 * `append` resolves when its record is committed (so it may be broadcast, P5);
 * commits are grouped (`GroupCommit`). `compact` must cover exactly the records
 * appended before the call: it notes, synchronously, the last record appended so
 * far, waits until that one has settled, and then — in one transaction — stores
 * the snapshot with the highest committed sequence number at that point and
 * deletes the log rows up to it. Later appends have higher numbers and stay.
 */
import type { Logger } from '../../log.ts'
import type { DocumentSnapshot, DocumentStore, LogRecord, StoredDocument } from '../Storage.ts'
import { bytes, type Queryable } from './database.ts'
import { GroupCommit } from './GroupCommit.ts'

interface DocumentState {
  /** Log bytes appended since the last compaction (in this process). */
  bytes: number
  /**
   * Settles (never rejects) once the last record appended so far has settled,
   * with the highest sequence number committed among it, every record before it
   * and what `load` read: the boundary a compaction called now covers. Chained
   * per record, because a batch may also hold records appended after the call.
   */
  settled: Promise<number>
  /** Compactions of one proposal run one after another. */
  compacting: Promise<void>
  /** Set by `release`; cleared by `load` and `append`. */
  releasing?: boolean
}

/** Per record in `logBytes`: the update plus what a row adds besides. */
const ROW_OVERHEAD = 32

const LOAD = `WITH s AS (SELECT seq_upto, state, authorship, state_vector FROM document_snapshots WHERE proposal_id = $1)
  SELECT 0 AS kind, seq_upto AS seq, NULL AS person_id, state AS a, authorship AS b, state_vector AS c FROM s
  UNION ALL
  SELECT 1, seq, person_id, update_bytes, NULL, NULL FROM document_log
   WHERE proposal_id = $1 AND seq > COALESCE((SELECT seq_upto FROM s), 0)
  ORDER BY kind, seq`

export class PgDocumentStore implements DocumentStore {
  readonly #db: Queryable
  readonly #transaction: <T>(work: (db: Queryable) => Promise<T>) => Promise<T>
  readonly #log: Logger
  readonly #commits: GroupCommit
  readonly #documents = new Map<string, DocumentState>()
  #closed = false

  constructor(options: {
    db: Queryable
    transaction: <T>(work: (db: Queryable) => Promise<T>) => Promise<T>
    log: Logger
  }) {
    this.#db = options.db
    this.#transaction = options.transaction
    this.#log = options.log
    this.#commits = new GroupCommit(options.db)
  }

  /** Commits and records committed so far (group commit at work). */
  get commitStats(): { commits: number; records: number } {
    return { commits: this.#commits.commits, records: this.#commits.records }
  }

  #state(proposalId: string): DocumentState {
    let state = this.#documents.get(proposalId)
    if (!state) {
      state = { bytes: 0, settled: Promise.resolve(0), compacting: Promise.resolve() }
      this.#documents.set(proposalId, state)
    }
    return state
  }

  async load(proposalId: string): Promise<StoredDocument> {
    const state = this.#state(proposalId)
    state.releasing = false
    // What this process appended or is compacting is part of the stored document.
    await state.settled
    await state.compacting
    // One statement sees one snapshot of the database: a compaction committing
    // meanwhile cannot make us read its snapshot's rows twice or lose them.
    const { rows } = await this.#db.query<{
      kind: number
      seq: number
      person_id: string | null
      a: Buffer
      b: Buffer | null
      c: Buffer | null
    }>(LOAD, [proposalId])
    let snapshot: DocumentSnapshot | null = null
    const log: LogRecord[] = []
    let size = 0
    let highest = 0
    for (const row of rows) {
      size += row.a.byteLength + (row.b?.byteLength ?? 0)
      if (row.kind === 0) {
        const stateVector = row.c ? bytes(row.c) : undefined
        snapshot = { state: bytes(row.a), authorship: bytes(row.b!), stateVector }
      } else log.push({ personId: row.person_id!, update: bytes(row.a) })
      highest = Math.max(highest, row.seq)
    }
    // The caller now holds these rows: a compaction after this covers them.
    state.settled = state.settled.then((before) => Math.max(before, highest))
    return { snapshot, log, bytes: size }
  }

  append(proposalId: string, record: LogRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'))
    const state = this.#state(proposalId)
    state.releasing = false
    state.bytes += record.update.byteLength + record.personId.length + ROW_OVERHEAD
    const seq = this.#commits.add(proposalId, record)
    // A record that failed is not in the log: the boundary stays where it was.
    state.settled = state.settled.then((before) =>
      seq.then(
        (own) => Math.max(before, own),
        () => before,
      ),
    )
    return seq.then(() => {})
  }

  release(proposalId: string): void {
    const state = this.#documents.get(proposalId)
    if (!state || state.bytes > 0) return
    state.releasing = true
    void Promise.all([state.settled, state.compacting]).then(() => {
      // Loaded or written again meanwhile (both clear the flag): keep it.
      if (this.#documents.get(proposalId) === state && state.releasing)
        this.#documents.delete(proposalId)
    })
  }

  logBytes(proposalId: string): number {
    return this.#documents.get(proposalId)?.bytes ?? 0
  }

  compact(proposalId: string, snapshot: DocumentSnapshot): Promise<void> {
    const state = this.#state(proposalId)
    const boundary = state.settled
    const bytesBefore = state.bytes
    state.bytes = 0
    const run = state.compacting.then(async () => {
      const upto = await boundary
      await this.#transaction(async (db) => {
        await db.query(
          `INSERT INTO document_snapshots (proposal_id, seq_upto, state, authorship, state_vector)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (proposal_id) DO UPDATE SET state = EXCLUDED.state,
             authorship = EXCLUDED.authorship, state_vector = EXCLUDED.state_vector, written_at = now(),
             seq_upto = GREATEST(document_snapshots.seq_upto, EXCLUDED.seq_upto)`,
          [
            proposalId,
            upto,
            Buffer.from(snapshot.state),
            Buffer.from(snapshot.authorship),
            snapshot.stateVector ? Buffer.from(snapshot.stateVector) : null,
          ],
        )
        await db.query('DELETE FROM document_log WHERE proposal_id = $1 AND seq <= $2', [
          proposalId,
          upto,
        ])
      })
    })
    state.compacting = run.catch((error) => {
      // Nothing is lost (the log rows stay), but the log still counts: a later
      // threshold or unload compacts again.
      state.bytes += bytesBefore
      this.#log.error('compaction failed', { proposal: proposalId, error: String(error) })
    })
    return run
  }

  /** Commits everything appended and waits for running compactions; appends are refused after. */
  async close(): Promise<void> {
    this.#closed = true
    await this.#commits.flush()
    await Promise.all([...this.#documents.values()].map((state) => state.compacting))
  }
}
