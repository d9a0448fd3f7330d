/**
 * The changes in place of the PostgreSQL stores (D4): threads, people and
 * proposals, each one row read `FOR UPDATE`, changed and written back in one
 * transaction (`changeRow`), so changes made at the same time through several
 * instances are all kept. They need the pool (a transaction of their own),
 * so the copy tool, which runs in one transaction, goes without them.
 */
import type pg from 'pg'
import type { PeopleStore, ProposalStore, ThreadRecord, ThreadStore } from '../Storage.ts'
import { changeRow } from './changeRow.ts'
import { inTransaction } from './database.ts'
import { pgPeopleStore, pgProposalStore } from './peopleStores.ts'
import { first } from './rows.ts'
import { pgThreadStore } from './textStores.ts'

const THREAD = 'SELECT data FROM threads WHERE proposal_id = $1 AND id = $2'

/** Changing and removing threads. */
export function pgThreadChanges(pool: pg.Pool): Pick<ThreadStore, 'change' | 'remove'> {
  return {
    change: (proposalId, threadId, apply) =>
      changeRow(
        pool,
        {
          select: THREAD,
          values: [proposalId, threadId],
          write: (db, t) => pgThreadStore(db).put(t),
        },
        apply,
      ),
    remove: (proposalId, threadId, check) =>
      inTransaction(pool, async (db) => {
        const current = first<ThreadRecord>(
          await db.query(`${THREAD} FOR UPDATE`, [proposalId, threadId]),
        )
        if (!current) return
        check?.(current)
        await db.query('DELETE FROM threads WHERE proposal_id = $1 AND id = $2', [
          proposalId,
          threadId,
        ])
      }),
  }
}

/** Changing a person; the token hash's column follows the record. */
export function pgPersonChange(pool: pg.Pool): PeopleStore['change'] {
  return (id, apply) =>
    changeRow(
      pool,
      {
        select: 'SELECT data FROM people WHERE id = $1',
        values: [id],
        write: (db, person) => pgPeopleStore(db).put(person),
      },
      apply,
    )
}

/** Changing a proposal. */
export function pgProposalChange(pool: pg.Pool): ProposalStore['change'] {
  return (id, apply) =>
    changeRow(
      pool,
      {
        select: 'SELECT data FROM proposals WHERE id = $1',
        values: [id],
        write: (db, proposal) => pgProposalStore(db).put(proposal),
      },
      apply,
    )
}
