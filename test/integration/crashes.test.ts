import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, it } from 'vitest'
import type * as Y from 'yjs'
import { createLogger } from '../../sync-server/log.ts'
import { LowdbStorage } from '../../sync-server/persistence/lowdb/LowdbStorage.ts'
import { crashWhileTyping, docFrom } from '../helpers/crashWhileTyping.ts'

const ROUNDS = 5
const WRITERS = 20

/** What the data folder holds for a proposal, read while the server is down. */
async function storedDoc(dataDir: string): Promise<Y.Doc> {
  const storage = new LowdbStorage({
    dataDir,
    log: createLogger({ level: 'error', sink: () => {} }),
  })
  await storage.open()
  const stored = await storage.documents.load('voorstel-1')
  await storage.close()
  return docFrom(stored)
}

describe('[P5] crashes while people type', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it(`kill -9 while ${WRITERS} clients type, ${ROUNDS} times: the stored text always holds everything broadcast`, {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-crash-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    await crashWhileTyping({
      dataDir,
      writers: WRITERS,
      rounds: ROUNDS,
      storedDoc: () => storedDoc(dataDir),
      cleanups,
    })
  })
})
