/**
 * Changing one record kept whole in a `data` column, in place (D4): in one
 * transaction the row is read `FOR UPDATE` — a change through another
 * instance waits until this one commits, and then reads what it wrote — the
 * change is applied, and the row written back. A change that throws rolls
 * back and writes nothing.
 */
import type pg from 'pg'
import type { RecordChange } from '../Storage.ts'
import { inTransaction, type Queryable } from './database.ts'
import { first } from './rows.ts'

export interface ChangeRow<T> {
  /** `SELECT data FROM … WHERE …` finding exactly the row; `FOR UPDATE` is added. */
  select: string
  values: unknown[]
  /** Writes the changed record on the transaction's connection (the store's `put`). */
  write: (db: Queryable, record: T) => Promise<void>
}

/** @returns the record as stored, or undefined when there is no such row */
export function changeRow<T extends { id: string }>(
  pool: pg.Pool,
  row: ChangeRow<T>,
  apply: RecordChange<T>,
): Promise<T | undefined> {
  return inTransaction(pool, async (db) => {
    const current = first<T>(await db.query(`${row.select} FOR UPDATE`, row.values))
    if (current === undefined) return undefined
    const next = apply(current)
    if (next.id !== current.id) throw new Error(`a change of ${current.id} may not change its id`)
    await row.write(db, next)
    return next
  })
}
