/**
 * `npm run migrate -- --from-data-dir <DIR> [--force]` (contract D3): copies an
 * embedded installation (lowdb in DIR) into the PostgreSQL database of
 * `DATABASE_URL`, whose schema it first brings up to date. It refuses a
 * database that already holds proposals unless `--force` is given, which
 * replaces what that database holds. Stop the server on DIR first.
 * Without `--from-data-dir` it only migrates the schema.
 */
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { messageOf } from '../sync-server/errors.ts'
import { createLogger } from '../sync-server/log.ts'
import { LowdbStorage } from '../sync-server/persistence/lowdb/LowdbStorage.ts'
import {
  copyIntoPostgres,
  TargetNotEmptyError,
} from '../sync-server/persistence/postgres/copyIntoPostgres.ts'
import { PgStorage } from '../sync-server/persistence/postgres/PgStorage.ts'

const USAGE =
  'gebruik: DATABASE_URL=postgres://… npm run migrate -- [--from-data-dir <map>] [--force]'

/** Proposal ids with data in an embedded folder (its layout: lowdb/LowdbStorage.ts). */
async function proposalIdsIn(dataDir: string): Promise<string[]> {
  const ids = new Set<string>()
  for (const [folder, suffix] of [
    ['documents', ''],
    ['threads', '.json'],
    ['versions', '.json'],
    ['rounds', '.json'],
    ['activity', '.jsonl'],
  ] as const) {
    const dir = join(dataDir, folder)
    if (!existsSync(dir)) continue
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (suffix === '' && entry.isDirectory()) ids.add(entry.name)
      else if (suffix !== '' && entry.isFile() && entry.name.endsWith(suffix))
        ids.add(entry.name.slice(0, -suffix.length))
    }
  }
  ids.delete('_algemeen') // activity that concerns no one proposal
  return [...ids]
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'from-data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  })
  const url = values['database-url'] ?? process.env.DATABASE_URL
  if (!url) {
    console.error(`DATABASE_URL ontbreekt.\n${USAGE}`)
    return 2
  }
  const log = createLogger({ level: 'warn' })
  const target = new PgStorage({ url, log })
  await target.open() // brings the schema up to date, or says why it cannot
  try {
    const from = values['from-data-dir']
    if (!from) {
      console.log(`Het schema van ${target.description} is bijgewerkt.`)
      return 0
    }
    const dataDir = resolve(from)
    if (!existsSync(join(dataDir, 'proposals.json')) && !existsSync(join(dataDir, 'people.json'))) {
      console.error(`${dataDir} is geen gegevensmap van Meeschrijven (geen proposals.json).`)
      return 1
    }
    const source = new LowdbStorage({ dataDir, log })
    await source.open()
    try {
      const summary = await copyIntoPostgres(source, target.pool, {
        proposalIds: await proposalIdsIn(dataDir),
        force: values.force,
      })
      console.log(`Gekopieerd van ${dataDir} naar ${target.description}:`)
      console.log(
        `  ${summary.people} personen, ${summary.proposals} voorstellen, ${summary.documents} teksten ` +
          `(${summary.updates} wijzigingen na de laatste samenvoeging), ${summary.threads} discussies, ` +
          `${summary.versions} versies, ${summary.rounds} rondes, ${summary.positions} standpunten, ` +
          `${summary.responses} reacties van de VNG, ` +
          `${summary.activity} activiteiten, ${summary.visits} bezoeken.`,
      )
      return 0
    } finally {
      await source.close()
    }
  } catch (error) {
    if (!(error instanceof TargetNotEmptyError)) throw error
    console.error(
      `Niet gekopieerd: ${target.description} bevat al ${error.proposals} voorstellen. ` +
        'Gebruik --force om alles daarin te vervangen door de inhoud van de map.',
    )
    return 1
  } finally {
    await target.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // StorageError speaks of the server's start; here nothing starts.
    const message = messageOf(error).replace(/ The server will not start.*$/, '')
    console.error(`Migratie mislukt: ${message}`)
    process.exit(1)
  },
)
