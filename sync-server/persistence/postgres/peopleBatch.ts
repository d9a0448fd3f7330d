/**
 * Many people created and changed in one transaction (M1): the new ones with
 * one statement, the changed ones read with `FOR UPDATE` and written back with
 * only the changed fields merged in, so a change made meanwhile through another
 * instance to another field is kept (D4), and a person revoked or anonymised
 * meanwhile is left as they are.
 */
import type pg from 'pg'
import { mergePersonChanges } from '../mergePersonChanges.ts'
import type { PersonChanges, PersonRecord } from '../Storage.ts'
import { inTransaction } from './database.ts'

export function saveBatchInPostgres(
  pool: pg.Pool,
  batch: { create: PersonRecord[]; change: Array<{ id: string; changes: PersonChanges }> },
): Promise<void> {
  return inTransaction(pool, async (db) => {
    if (batch.create.length > 0) {
      await db.query(
        `INSERT INTO people (id, token_hash, data)
         SELECT x->>'id', x->>'tokenHash', x
         FROM json_array_elements($1::json) WITH ORDINALITY AS t(x, n) ORDER BY n`,
        [JSON.stringify(batch.create)],
      )
    }
    if (batch.change.length === 0) return
    const { rows } = await db.query<{ data: PersonRecord }>(
      'SELECT data FROM people WHERE id = ANY($1) FOR UPDATE',
      [batch.change.map((change) => change.id)],
    )
    const current = new Map(rows.map((row) => [row.data.id, row.data]))
    const merged = batch.change.flatMap(({ id, changes }) => {
      const person = current.get(id)
      return person ? [mergePersonChanges(person, changes)] : []
    })
    await db.query(
      `UPDATE people SET data = x FROM json_array_elements($1::json) AS t(x)
       WHERE people.id = x->>'id'`,
      [JSON.stringify(merged)],
    )
  })
}
