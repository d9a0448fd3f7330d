/**
 * The connection pool and the few helpers every PostgreSQL store shares.
 * SSL and everything else about the connection come from the URL
 * (`?sslmode=require` …), so operators configure it where they expect to.
 */
import pg from 'pg'
import type { Logger } from '../../log.ts'

/** A pool or one checked-out client: stores run on either (the copy tool uses a transaction). */
export type Queryable = Pick<pg.Pool, 'query'>

export interface PoolOptions {
  url: string
  log: Logger
  /** @default 10 */
  maxConnections?: number
  /** A statement running longer is cancelled, so a stuck query cannot hold a room forever. @default 30000 */
  statementTimeoutMs?: number
  /** Giving up on reaching the database. @default 10000 */
  connectTimeoutMs?: number
}

// int8 (bigint) comes back as a string by default; every bigint here is a
// sequence number far below 2^53, so a number is exact and easier to compare.
// Set per pool, not globally, so other users of `pg` in the process are untouched.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

/** Creates the pool. Idle connections that break are logged, never thrown at the process. */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'meeschrijven',
    types,
  })
  pool.on('error', (error) => {
    options.log.error('database connection lost', {
      database: describeUrl(options.url),
      error: error.message,
    })
  })
  return pool
}

/** `postgres://user@host:port/db` without the password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.password = ''
    parsed.search = ''
    return parsed.toString()
  } catch {
    return 'DATABASE_URL (not a valid URL)'
  }
}

/** Runs `work` in one transaction on one client; rolls back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/**
 * bytea comes back as a Buffer; the storage interface speaks Uint8Array. A copy,
 * so a small record never keeps a shared 8 KiB Buffer slab alive.
 */
export function bytes(value: Buffer): Uint8Array {
  return new Uint8Array(value)
}
