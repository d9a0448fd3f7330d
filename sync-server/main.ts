/**
 * The only file with side effects: settings from the environment (contract P2),
 * start, the lines people read (P3), and a clean stop on SIGTERM/SIGINT (P5).
 */
import { mkdir } from 'node:fs/promises'
import { adminNotice } from './adminNotice.ts'
import { startCluster } from './cluster/startCluster.ts'
import { messageOf, StorageError } from './errors.ts'
import { createLogger } from './log.ts'
import { DEFAULTS } from './options.ts'
import { PgStorage } from './persistence/postgres/PgStorage.ts'
import { createServer } from './server.ts'

const log = createLogger({
  level: (process.env.LOG_LEVEL as 'debug' | 'info' | undefined) ?? 'info',
})

async function main(): Promise<void> {
  const port =
    process.env.PORT === undefined || process.env.PORT === '' ? undefined : Number(process.env.PORT)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`PORT must be a number from 0 to 65535, not "${process.env.PORT}"`)
  }
  // D1: with DATABASE_URL everything is stored in PostgreSQL; without it, in DATA_DIR.
  // DATA_DIR still holds the administrator's token file (P3), so it must exist.
  const databaseUrl = process.env.DATABASE_URL || undefined
  if (databaseUrl)
    await mkdir(process.env.DATA_DIR || DEFAULTS.dataDir, { recursive: true, mode: 0o700 })
  const postgres = databaseUrl ? new PgStorage({ url: databaseUrl, log }) : undefined
  // D1: with REDIS_URL as well, this is one of several instances serving together.
  const redisUrl = process.env.REDIS_URL || undefined
  if (redisUrl && !postgres)
    throw new Error('REDIS_URL needs DATABASE_URL: a cluster stores in PostgreSQL')
  const cluster = redisUrl && postgres ? await startCluster({ redisUrl, postgres, log }) : undefined
  // M2: both or neither; one alone would quietly write mail to the outbox instead of sending it.
  const smtpUrl = process.env.SMTP_URL || undefined
  const mailFrom = process.env.MAIL_FROM || undefined
  if (Boolean(smtpUrl) !== Boolean(mailFrom))
    throw new Error('SMTP_URL and MAIL_FROM go together: set both to send mail, or neither')
  const server = await createServer({
    mail: { smtpUrl, from: mailFrom },
    storage: postgres,
    cluster,
    port,
    host: process.env.HOST || undefined,
    dataDir: process.env.DATA_DIR || undefined,
    adminToken: process.env.ADMIN_TOKEN || undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
    idleUnloadMs: optionalNumber('IDLE_UNLOAD_MS'),
    workerThreads: optionalNumber('WORKER_THREADS') || undefined,
    log,
  })
  console.log(`listening on ${server.url}`)
  if (server.services.mail.mode === 'outbox')
    console.log('Zonder SMTP_URL en MAIL_FROM worden e-mails bewaard in de map outbox in DATA_DIR.')
  for (const line of adminNotice(server.admin, process.stdout.isTTY === true)) console.log(line)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping', { signal })
    const deadline = setTimeout(() => {
      log.error('stop took longer than 5 s')
      process.exit(1)
    }, 5000)
    server
      .close()
      .then(() => cluster?.close())
      .then(
        () => {
          clearTimeout(deadline)
          process.exit(0)
        },
        (error) => {
          log.error('stop failed', { error: messageOf(error) })
          process.exit(1)
        },
      )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error) => {
  if (error instanceof StorageError)
    console.error(`Meeschrijven kan niet starten: ${error.message}`)
  else console.error(`Meeschrijven kan niet starten: ${messageOf(error)}`)
  process.exit(1)
})

/** A whole number of milliseconds from the environment, or undefined when unset. */
function optionalNumber(name: string): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not "${raw}"`)
  return value
}
