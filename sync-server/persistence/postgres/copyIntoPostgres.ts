/**
 * Copies a whole installation from any `Storage` (the embedded one, for
 * `npm run migrate -- --from-data-dir`) into a PostgreSQL database, in one
 * transaction: either everything is there afterwards or nothing changed.
 * Documents are copied as they are stored — snapshot and log, byte for byte —
 * so authorship and history stay exactly as they were.
 */
import type pg from 'pg'
import type { Storage } from '../Storage.ts'
import { copyReaching, REACHING_TABLES } from './copyReaching.ts'
import { inTransaction, type Queryable } from './database.ts'
import { pgPeopleStore, pgProposalStore, pgVisitStore } from './peopleStores.ts'
import { pgActivityStore, pgRoundStore, pgThreadStore, pgVersionStore } from './textStores.ts'

/** What was copied, per kind of record. */
export interface CopySummary {
  people: number
  proposals: number
  documents: number
  updates: number
  threads: number
  versions: number
  rounds: number
  positions: number
  responses: number
  activity: number
  visits: number
  settings: number
  signInLinks: number
  mailPreferences: number
}

/** Thrown when the database already holds proposals and `force` was not given. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError'
  readonly proposals: number
  constructor(proposals: number) {
    super(`the database already holds ${proposals} proposals`)
    this.proposals = proposals
  }
}

const TABLES = [
  'people',
  'proposals',
  'document_log',
  'document_snapshots',
  'threads',
  'versions',
  'rounds',
  'positions',
  'round_responses',
  'activity',
  'visits',
  ...REACHING_TABLES,
]

/**
 * @param proposalIds every proposal id with data in the source (the stores list
 *   per proposal, so the caller says which exist, e.g. from the folder's layout)
 * @param force replace what the database holds instead of refusing
 * @throws TargetNotEmptyError when the database holds proposals and `force` is false
 */
export async function copyIntoPostgres(
  source: Storage,
  pool: pg.Pool,
  options: { proposalIds: Iterable<string>; force: boolean },
): Promise<CopySummary> {
  return inTransaction(pool, async (db) => {
    // Whoever else copies or starts waits for us: the check and the copy are one step.
    await db.query(`LOCK TABLE ${TABLES.join(', ')} IN EXCLUSIVE MODE`)
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM proposals')
    if (rows[0]!.n > 0 && !options.force) {
      throw new TargetNotEmptyError(rows[0]!.n)
    }
    if (options.force) await db.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`)
    return copyAll(source, db, options.proposalIds)
  })
}

async function copyAll(source: Storage, db: Queryable, ids: Iterable<string>) {
  const summary: CopySummary = {
    ...{ people: 0, proposals: 0, documents: 0, updates: 0, threads: 0, versions: 0 },
    ...{ rounds: 0, positions: 0, responses: 0, activity: 0, visits: 0 },
    ...{ settings: 0, signInLinks: 0, mailPreferences: 0 },
  }
  const target = {
    people: pgPeopleStore(db),
    proposals: pgProposalStore(db),
    threads: pgThreadStore(db),
    versions: pgVersionStore(db),
    rounds: pgRoundStore(db),
    activity: pgActivityStore(db),
    visits: pgVisitStore(db),
  }
  // Lists come back in the order they were first stored; copying in that order keeps it.
  const people = await source.people.list()
  for (const person of people) await target.people.put(person)
  summary.people = people.length
  const proposals = await source.proposals.list()
  for (const proposal of proposals) await target.proposals.put(proposal)
  summary.proposals = proposals.length
  const proposalIds = [...new Set([...proposals.map((p) => p.id), ...ids])]

  for (const id of proposalIds) {
    const stored = await source.documents.load(id)
    if (stored.snapshot) {
      // seq_upto 0: every copied log row comes after the snapshot.
      await db.query(
        'INSERT INTO document_snapshots (proposal_id, seq_upto, state, authorship, state_vector) VALUES ($1, 0, $2, $3, $4)',
        [
          id,
          Buffer.from(stored.snapshot.state),
          Buffer.from(stored.snapshot.authorship),
          stored.snapshot.stateVector ? Buffer.from(stored.snapshot.stateVector) : null,
        ],
      )
    }
    if (stored.log.length > 0) {
      await db.query(
        `INSERT INTO document_log (proposal_id, person_id, update_bytes)
         SELECT $1, a, u FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS t(a, u, n) ORDER BY n`,
        [id, stored.log.map((r) => r.personId), stored.log.map((r) => Buffer.from(r.update))],
      )
    }
    if (stored.snapshot || stored.log.length > 0) summary.documents++
    summary.updates += stored.log.length

    for (const thread of await source.threads.list(id)) {
      await target.threads.put(thread)
      summary.threads++
    }
    // Oldest first, so a tie in createdAt lists the same way in both.
    for (const version of (await source.versions.list(id)).reverse()) {
      const content = await source.versions.content(id, version.id)
      if (!content) throw new Error(`version ${version.id} of ${id} has no stored content`)
      await target.versions.create(version, content)
      summary.versions++
    }
    for (const round of await source.rounds.list(id)) {
      await target.rounds.put(round)
      summary.rounds++
      for (const position of await source.rounds.positions(id, round.id)) {
        await target.rounds.addPosition(id, position)
        summary.positions++
      }
      for (const response of await source.rounds.responses(id, round.id)) {
        await target.rounds.addResponse(id, response)
        summary.responses++
      }
    }
    summary.activity += await copyActivity(source, target.activity, id)
    for (const person of people) {
      const at = await source.visits.get(person.id, id)
      if (at === null) continue
      await target.visits.put(person.id, id, at)
      summary.visits++
    }
  }
  summary.activity += await copyActivity(source, target.activity, null)
  Object.assign(summary, await copyReaching(source, db))
  return summary
}

async function copyActivity(
  source: Storage,
  target: Storage['activity'],
  proposalId: string | null,
): Promise<number> {
  // Listed newest first; appended oldest first, so the order stays.
  const records = (await source.activity.list(proposalId, Number.POSITIVE_INFINITY)).reverse()
  for (const record of records) await target.append(record)
  return records.length
}
