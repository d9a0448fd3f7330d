/**
 * The PostgreSQL implementations of every store but documents: people,
 * proposals, threads, versions, rounds and positions, activity, visits.
 * Each statement is its own transaction, so a promise that resolves means the
 * row is committed. Lists come back in the order the embedded storage gives.
 */
import type {
  ActivityRecord,
  ActivityStore,
  PeopleStore,
  PersonRecord,
  PositionRecord,
  ProposalRecord,
  ProposalStore,
  RoundRecord,
  RoundStore,
  ThreadRecord,
  ThreadStore,
  VersionContent,
  VersionRecord,
  VersionStore,
  VisitStore,
} from '../Storage.ts'
import { bytes, type Queryable } from './database.ts'

type Rows<T> = { rows: Array<{ data: T }> }
const all = <T>({ rows }: Rows<T>): T[] => rows.map((row) => row.data)
const first = <T>({ rows }: Rows<T>): T | undefined => rows[0]?.data

/** People; the token hash has its own indexed column, so a sign-in is one lookup. */
export function pgPeopleStore(db: Queryable): PeopleStore {
  return {
    list: async () => all(await db.query('SELECT data FROM people ORDER BY ord')),
    get: async (id) => first(await db.query('SELECT data FROM people WHERE id = $1', [id])),
    getByTokenHash: async (hash) =>
      first(
        await db.query('SELECT data FROM people WHERE token_hash = $1 ORDER BY ord LIMIT 1', [
          hash,
        ]),
      ),
    async put(person: PersonRecord) {
      await db.query(
        `INSERT INTO people (id, token_hash, data) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, data = EXCLUDED.data`,
        [person.id, person.tokenHash, person],
      )
    },
  }
}

export function pgProposalStore(db: Queryable): ProposalStore {
  return {
    list: async () => all(await db.query('SELECT data FROM proposals ORDER BY ord')),
    get: async (id) => first(await db.query('SELECT data FROM proposals WHERE id = $1', [id])),
    async put(proposal: ProposalRecord) {
      await db.query(
        `INSERT INTO proposals (id, data) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`,
        [proposal.id, proposal],
      )
    },
  }
}

export function pgThreadStore(db: Queryable): ThreadStore {
  return {
    list: async (proposalId) =>
      all(
        await db.query('SELECT data FROM threads WHERE proposal_id = $1 ORDER BY ord', [
          proposalId,
        ]),
      ),
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
  }
}

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

export function pgVisitStore(db: Queryable): VisitStore {
  return {
    async get(personId, proposalId) {
      const { rows } = await db.query<{ at: string }>(
        'SELECT at FROM visits WHERE person_id = $1 AND proposal_id = $2',
        [personId, proposalId],
      )
      return rows[0]?.at ?? null
    },
    async put(personId, proposalId, at) {
      await db.query(
        `INSERT INTO visits (person_id, proposal_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (person_id, proposal_id) DO UPDATE SET at = EXCLUDED.at`,
        [personId, proposalId, at],
      )
    },
  }
}
