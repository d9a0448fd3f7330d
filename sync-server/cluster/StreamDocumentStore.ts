/**
 * Documents in a cluster (contract D1, D2): every accepted update is appended to
 * its proposal's Redis stream before it is broadcast (`append` resolves on the
 * XADD's reply; Redis must run with appendonly), and compacted states live in
 * PostgreSQL with the id of the last stream entry they hold. Compaction runs
 * under a lease (one instance at a time per proposal), may only replace a state
 * by one holding more of the stream (fencing), and trims the stream only up to
 * the id its state holds.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import type pg from 'pg'
import type { Logger } from '../log.ts'
import type {
  DocumentSnapshot,
  DocumentStore,
  LogRecord,
  StoredDocument,
} from '../persistence/Storage.ts'
import { readEntries, streamKey } from './streamEntries.ts'
import {
  compareStreamIds,
  formatStreamId,
  nextStreamId,
  STREAM_START,
  type StreamId,
} from './streamIds.ts'

export interface StreamDocumentStoreOptions {
  redis: Redis
  pool: pg.Pool
  /** Where proposals stored before the cluster (single-instance PostgreSQL) are read from. */
  fallback: DocumentStore
  instanceId: string
  log: Logger
  /** How long a compaction lease lasts if its holder dies. */
  leaseMs: number
  /** The stream id up to which this instance has applied every entry (from the follower). */
  appliedUpTo: (proposalId: string) => StreamId | null
}

interface DocumentState {
  bytes: number
  loadedUpTo: StreamId
  compacting: Promise<void>
}

/** Deletes the lease only while it is still ours. */
const RELEASE_LEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export class StreamDocumentStore implements DocumentStore {
  readonly #options: StreamDocumentStoreOptions
  readonly #documents = new Map<string, DocumentState>()

  constructor(options: StreamDocumentStoreOptions) {
    this.#options = options
  }

  /** The stream id up to which `load` read a proposal (where following it starts). */
  loadedUpTo(proposalId: string): StreamId {
    return this.#documents.get(proposalId)?.loadedUpTo ?? STREAM_START
  }

  async load(proposalId: string): Promise<StoredDocument> {
    // The stream first, the state after: a compaction that trims the stream meanwhile
    // has stored a state holding what it trimmed, and that state is what we read.
    const entries = await readEntries(this.#options.redis, proposalId, '-')
    const { rows } = await this.#options.pool.query<{
      stream_ms: number
      stream_seq: number
      state: Buffer
      authorship: Buffer
      state_vector: Buffer | null
    }>(
      'SELECT stream_ms, stream_seq, state, authorship, state_vector FROM cluster_snapshots WHERE proposal_id = $1',
      [proposalId],
    )
    const row = rows[0]
    let snapshot: DocumentSnapshot | null = null
    let base = STREAM_START
    const log: LogRecord[] = []
    let bytes = 0
    if (row) {
      snapshot = {
        state: new Uint8Array(row.state),
        authorship: new Uint8Array(row.authorship),
        stateVector: row.state_vector ? new Uint8Array(row.state_vector) : undefined,
      }
      base = { ms: row.stream_ms, seq: row.stream_seq }
      bytes += row.state.length + row.authorship.length
    } else {
      // Not compacted in the cluster yet: what single-instance storage holds is the base.
      const before = await this.#options.fallback.load(proposalId)
      snapshot = before.snapshot
      log.push(...before.log)
      bytes += before.bytes
    }
    let upTo = base
    for (const entry of entries) {
      if (compareStreamIds(entry.id, base) <= 0) continue
      log.push({ personId: entry.personId, update: entry.update })
      bytes += entry.update.length
      upTo = entry.id
    }
    const state = this.#state(proposalId)
    state.loadedUpTo = upTo
    return { snapshot, log, bytes }
  }

  #state(proposalId: string): DocumentState {
    let state = this.#documents.get(proposalId)
    if (!state) {
      state = { bytes: 0, loadedUpTo: STREAM_START, compacting: Promise.resolve() }
      this.#documents.set(proposalId, state)
    }
    return state
  }

  async append(proposalId: string, record: LogRecord): Promise<void> {
    const state = this.#state(proposalId)
    state.bytes += record.update.length + record.personId.length + 40
    const update = Buffer.from(
      record.update.buffer,
      record.update.byteOffset,
      record.update.byteLength,
    )
    await this.#options.redis.xaddBuffer(
      streamKey(proposalId),
      '*',
      'i',
      this.#options.instanceId,
      'p',
      record.personId,
      'u',
      update,
    )
  }

  logBytes(proposalId: string): number {
    return this.#documents.get(proposalId)?.bytes ?? 0
  }

  compact(proposalId: string, snapshot: DocumentSnapshot): Promise<void> {
    const state = this.#state(proposalId)
    // Everything up to this id is in `snapshot` (the caller encodes in this tick).
    const upTo = this.#options.appliedUpTo(proposalId)
    state.bytes = 0
    if (!upTo || compareStreamIds(upTo, STREAM_START) === 0) return Promise.resolve()
    const run = state.compacting.then(() => this.#compact(proposalId, snapshot, upTo))
    state.compacting = run.catch(() => {})
    return run
  }

  async #compact(proposalId: string, snapshot: DocumentSnapshot, upTo: StreamId): Promise<void> {
    const { redis, pool, leaseMs, log } = this.#options
    const lease = `ms:lease:${proposalId}`
    const token = `${this.#options.instanceId}:${randomBytes(6).toString('hex')}`
    if ((await redis.set(lease, token, 'PX', leaseMs, 'NX')) !== 'OK') {
      log.debug('another instance is compacting', { proposal: proposalId })
      return
    }
    try {
      const { rowCount } = await pool.query(
        `INSERT INTO cluster_snapshots (proposal_id, stream_ms, stream_seq, state, authorship, state_vector)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (proposal_id) DO UPDATE SET stream_ms = EXCLUDED.stream_ms, stream_seq = EXCLUDED.stream_seq,
           state = EXCLUDED.state, authorship = EXCLUDED.authorship, state_vector = EXCLUDED.state_vector, written_at = now()
         WHERE (cluster_snapshots.stream_ms, cluster_snapshots.stream_seq) < (EXCLUDED.stream_ms, EXCLUDED.stream_seq)`,
        [
          proposalId,
          upTo.ms,
          upTo.seq,
          Buffer.from(snapshot.state),
          Buffer.from(snapshot.authorship),
          snapshot.stateVector ? Buffer.from(snapshot.stateVector) : null,
        ],
      )
      if (rowCount === 0) {
        log.debug('a newer state is stored already; nothing replaced', { proposal: proposalId })
        return
      }
      // Only what the stored state holds may go.
      await redis.xtrim(streamKey(proposalId), 'MINID', formatStreamId(nextStreamId(upTo)))
    } finally {
      await redis.eval(RELEASE_LEASE, 1, lease, token).catch(() => {})
    }
  }

  release(proposalId: string): void {
    const state = this.#documents.get(proposalId)
    if (!state || state.bytes > 0) return
    void state.compacting.then(() => {
      if (this.#documents.get(proposalId) === state && state.bytes === 0)
        this.#documents.delete(proposalId)
    })
  }
}
