/**
 * The PostgreSQL stores of what happens around a text: threads, versions (with
 * their state), rounds and positions, and activity. Each statement is its own
 * transaction, so a promise that resolves means the row is committed. Lists come
 * back in the order the embedded storage gives.
 */
import type {
  ActivityRecord,
  ActivityStore,
  PositionRecord,
  ResponseRecord,
  RoundRecord,
  RoundStore,
  ThreadRecord,
  ThreadStore,
  VersionContent,
  VersionRecord,
  VersionStore,
} from '../Storage.ts'
import { bytes, type Queryable } from './database.ts'
import { all, first } from './rows.ts'

/**
 * Threads, created (or replaced whole, when copying) on `put`, listed in the
 * order they were opened; changed and removed by `changeStores.ts`.
 */
export function pgThreadStore(db: Queryable): Omit<ThreadStore, 'change' | 'remove'> {
  const list: ThreadStore['list'] = async (proposalId) =>
    all(
      await db.query('SELECT data FROM threads WHERE proposal_id = $1 ORDER BY ord', [proposalId]),
    )
  return {
    list,
    // Rows are parsed anew for each query: nothing is shared to copy.
    listReadOnly: list,
    get: async (proposalId, threadId) =>
      first(
        await db.query('SELECT data FROM threads WHERE proposal_id = $1 AND id = $2', [
          proposalId,
          threadId,
        ]),
      ),
    async put(thread: ThreadRecord) {
      await db.query(
        `INSERT INTO threads (proposal_id, id, data) VALUES ($1, $2, $3)
         ON CONFLICT (proposal_id, id) DO UPDATE SET data = EXCLUDED.data`,
        [thread.proposalId, thread.id, thread],
      )
    },
  }
}

/** Versions with their full state in the same row, newest first. */
export function pgVersionStore(db: Queryable): VersionStore {
  return {
    list: async (proposalId) =>
      all(
        await db.query(
          'SELECT data FROM versions WHERE proposal_id = $1 ORDER BY created_at DESC, id COLLATE "C" DESC',
          [proposalId],
        ),
      ),
    get: async (proposalId, versionId) =>
      first(
        await db.query('SELECT data FROM versions WHERE proposal_id = $1 AND id = $2', [
          proposalId,
          versionId,
        ]),
      ),
    async create(record: VersionRecord, content: VersionContent) {
      // Record and content in one row: neither can exist without the other.
      await db.query(
        `INSERT INTO versions (proposal_id, id, created_at, auto, data, state, authorship)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (proposal_id, id) DO UPDATE SET created_at = EXCLUDED.created_at,
           auto = EXCLUDED.auto, data = EXCLUDED.data, state = EXCLUDED.state,
           authorship = EXCLUDED.authorship`,
        [
          ...[record.proposalId, record.id, record.createdAt, record.auto, record],
          ...[Buffer.from(content.state), Buffer.from(content.authorship)],
        ],
      )
    },
    async content(proposalId, versionId) {
      const { rows } = await db.query<{ state: Buffer; authorship: Buffer }>(
        'SELECT state, authorship FROM versions WHERE proposal_id = $1 AND id = $2',
        [proposalId, versionId],
      )
      const row = rows[0]
      return row && { state: bytes(row.state), authorship: bytes(row.authorship) }
    },
    async remove(proposalId, versionId) {
      // Named versions are never removed (the interface's promise, kept by the database).
      await db.query('DELETE FROM versions WHERE proposal_id = $1 AND id = $2 AND auto', [
        proposalId,
        versionId,
      ])
    },
  }
}

/** Rounds, and positions that only grow (a later one counts, R4). */
export function pgRoundStore(db: Queryable): RoundStore {
  return {
    list: async (proposalId) =>
      all(
        await db.query('SELECT data FROM rounds WHERE proposal_id = $1 ORDER BY ord', [proposalId]),
      ),
    get: async (proposalId, roundId) =>
      first(
        await db.query('SELECT data FROM rounds WHERE proposal_id = $1 AND id = $2', [
          proposalId,
          roundId,
        ]),
      ),
    async put(round: RoundRecord) {
      await db.query(
        `INSERT INTO rounds (proposal_id, id, data) VALUES ($1, $2, $3)
         ON CONFLICT (proposal_id, id) DO UPDATE SET data = EXCLUDED.data`,
        [round.proposalId, round.id, round],
      )
    },
    async addPosition(proposalId: string, position: PositionRecord) {
      await db.query('INSERT INTO positions (proposal_id, round_id, data) VALUES ($1, $2, $3)', [
        proposalId,
        position.roundId,
        position,
      ])
    },
    positions: async (proposalId, roundId) =>
      all(
        await db.query(
          'SELECT data FROM positions WHERE proposal_id = $1 AND round_id = $2 ORDER BY seq',
          [proposalId, roundId],
        ),
      ),
    async addResponse(proposalId: string, response: ResponseRecord) {
      await db.query(
        'INSERT INTO round_responses (proposal_id, round_id, data) VALUES ($1, $2, $3)',
        [proposalId, response.roundId, response],
      )
    },
    responses: async (proposalId, roundId) =>
      all(
        await db.query(
          'SELECT data FROM round_responses WHERE proposal_id = $1 AND round_id = $2 ORDER BY seq',
          [proposalId, roundId],
        ),
      ),
  }
}

/** What happened, newest first; `null` for what concerns no one proposal. */
export function pgActivityStore(db: Queryable): ActivityStore {
  return {
    async append(record: ActivityRecord) {
      await db.query('INSERT INTO activity (proposal_id, data) VALUES ($1, $2)', [
        record.proposalId,
        record,
      ])
    },
    list: async (proposalId, limit) => {
      // LIMIT NULL is no limit; `IS NULL` and `= $1` each use the index.
      const max = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : null
      return all(
        proposalId === null
          ? await db.query(
              'SELECT data FROM activity WHERE proposal_id IS NULL ORDER BY seq DESC LIMIT $1',
              [max],
            )
          : await db.query(
              'SELECT data FROM activity WHERE proposal_id = $1 ORDER BY seq DESC LIMIT $2',
              [proposalId, max],
            ),
      )
    },
  }
}
