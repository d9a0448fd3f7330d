/**
 * `npm run backup -- --to <DIR>`: a consistent copy of the embedded storage
 * (`DATA_DIR`, default ./data), also while the server runs. Start a server on the
 * copy with `DATA_DIR=<DIR> npm start`. On PostgreSQL use pg_dump instead
 * (docs/OPERATIONS.md).
 */
import { resolve } from 'node:path'
import { backupDataDir } from '../sync-server/backup/backupDataDir.ts'

const args = process.argv.slice(2)
const to = args[args.indexOf('--to') + 1]
if (!args.includes('--to') || !to) {
  console.error('Gebruik: npm run backup -- --to <map>')
  process.exit(2)
}
if (process.env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is gezet: maak een back-up van PostgreSQL met pg_dump (zie docs/OPERATIONS.md).',
  )
  process.exit(2)
}
const dataDir = resolve(process.env.DATA_DIR || './data')
try {
  const count = await backupDataDir(dataDir, resolve(to))
  console.log(`Back-up gemaakt: ${count} bestanden van ${dataDir} naar ${resolve(to)}`)
} catch (error) {
  console.error(`Back-up mislukt: ${(error as Error).message}`)
  process.exit(1)
}
