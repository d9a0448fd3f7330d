/**
 * Everything a Meeschrijven database holds, as byte strings to search: every
 * value of every row of every table (bytea as is, the rest as text or JSON).
 * The PostgreSQL counterpart of reading every file of a data folder.
 */
import pg from 'pg'

export interface DatabaseValue {
  table: string
  column: string
  data: Buffer
}

export async function databaseContents(url: string): Promise<DatabaseValue[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )
    const values: DatabaseValue[] = []
    for (const { name } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${name}"`)
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null) continue
          const data = Buffer.isBuffer(value)
            ? value
            : Buffer.from(typeof value === 'object' ? JSON.stringify(value) : String(value))
          values.push({ table: name, column, data })
        }
      }
    }
    return values
  } finally {
    await client.end()
  }
}

/** `table.column` of every value that contains `needle`. */
export function holding(values: DatabaseValue[], needle: string): string[] {
  return [
    ...new Set(values.filter((v) => v.data.includes(needle)).map((v) => `${v.table}.${v.column}`)),
  ]
}
