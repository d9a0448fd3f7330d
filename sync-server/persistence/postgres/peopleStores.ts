/**
 * The PostgreSQL stores of who and what: people (with the hashes of their
 * tokens), proposals, and when people last looked at a proposal. Each statement
 * is its own transaction, so a promise that resolves means the row is committed.
 * Changes in place are in `changeStores.ts`.
 * Lists come back in the order records were first stored, as in the embedded storage.
 */
import type {
  PeopleStore,
  PersonRecord,
  ProposalRecord,
  ProposalStore,
  VisitStore,
} from '../Storage.ts'
import type { Queryable } from './database.ts'
import { all, first } from './rows.ts'

/** People; the token hash has its own indexed column, so a sign-in is one lookup. */
export function pgPeopleStore(db: Queryable): Omit<PeopleStore, 'saveBatch' | 'change'> {
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

/** Proposals and their status. */
export function pgProposalStore(db: Queryable): Omit<ProposalStore, 'change'> {
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
    async add(proposal: ProposalRecord) {
      const { rowCount } = await db.query(
        'INSERT INTO proposals (id, data) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
        [proposal.id, proposal],
      )
      return rowCount === 1
    },
  }
}

/** When a person last looked at a proposal's reactions; one row per person and proposal. */
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
