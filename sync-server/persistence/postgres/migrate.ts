/**
 * Schema migrations, run at every start. They are the numbered `.sql` files in
 * `migrations/` (`001_initial.sql`, …), applied in order, each in its own
 * transaction, and recorded in `schema_migrations`. Two instances starting at
 * once take turns on an advisory lock: the second finds the work done.
 */
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

/** An arbitrary constant: every Meeschrijven instance locks the same key. */
const MIGRATION_LOCK = 2030_0001

export interface Migration {
  version: number
  name: string
  sql: string
}

/** The migrations shipped with this version of the server, in order. */
export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = []
  for (const file of await readdir(dir)) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file)
    if (!match) continue
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql: await readFile(`${dir}/${file}`, 'utf8'),
    })
  }
  return migrations.sort((a, b) => a.version - b.version)
}

/** Thrown when the database was migrated by a newer Meeschrijven than this one. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError'
  constructor(found: number, known: number) {
    super(
      `its schema is at version ${found}, newer than this server knows (${known}); ` +
        'run the newer Meeschrijven, or restore the backup made before the upgrade',
    )
  }
}

/**
 * Brings the schema up to date. Safe to run twice, and from two instances at once.
 * @returns the versions it applied (empty when there was nothing to do)
 * @throws SchemaTooNewError when the database is ahead of this server
 */
export async function migrate(pool: pg.Pool, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await listMigrations())
  const client = await pool.connect()
  try {
    // A session lock, released in `finally` (and by the server if we die).
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations',
    )
    const applied = new Set(rows.map((row) => row.version))
    const known = all.at(-1)?.version ?? 0
    const newest = Math.max(0, ...applied)
    if (newest > known) throw new SchemaTooNewError(newest, known)
    const done: number[] = []
    for (const migration of all) {
      if (applied.has(migration.version)) continue
      await client.query('BEGIN')
      try {
        await client.query(migration.sql)
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(
          `migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
        )
      }
      done.push(migration.version)
    }
    return done
  } finally {
    // If unlocking fails the connection is broken: destroying it ends the session,
    // which releases the lock too.
    const unlocked = await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).then(
      () => true,
      () => false,
    )
    client.release(!unlocked)
  }
}
