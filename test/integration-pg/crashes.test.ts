/**
 * The PostgreSQL twin of test/integration/crashes.test.ts (which reads the data
 * folder): the server process is killed with SIGKILL while people type, several
 * times, and after each kill the database holds everything the observer saw.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, it } from 'vitest'
import type * as Y from 'yjs'
import { createLogger } from '../../sync-server/log.ts'
import { PgStorage } from '../../sync-server/persistence/postgres/PgStorage.ts'
import { crashWhileTyping, docFrom } from '../helpers/crashWhileTyping.ts'
import { testDatabaseFor } from '../helpers/postgres.ts'

const ROUNDS = 3
const WRITERS = 10
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** What the database holds for the proposal, read while the server is down. */
async function storedDoc(url: string): Promise<Y.Doc> {
  const storage = new PgStorage({ url, log: createLogger({ level: 'error', sink: () => {} }) })
  await storage.open()
  const stored = await storage.documents.load('voorstel-1')
  await storage.close()
  return docFrom(stored)
}

it(`[P5] on PostgreSQL, kill -9 while ${WRITERS} people type, ${ROUNDS} times: the database holds everything broadcast`, {
  timeout: 120_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-pg-crash-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  const database = await testDatabaseFor(dataDir)!
  await crashWhileTyping({
    dataDir,
    writers: WRITERS,
    rounds: ROUNDS,
    storedDoc: () => storedDoc(database),
    cleanups,
  })
})
