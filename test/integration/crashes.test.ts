import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../sync-server/log.ts'
import { LowdbStorage } from '../../sync-server/persistence/lowdb/LowdbStorage.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type ServerProcess, startServerProcess } from '../helpers/serverProcess.ts'
import { appendBlock, fragmentOf, textOfBlock } from '../helpers/ydoc.ts'

const adminToken = randomBytes(24).toString('base64url')
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
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state)
  for (const record of stored.log) Y.applyUpdate(doc, record.update)
  return doc
}

/** True when `stored` already has every insertion and deletion of `seen`. */
function holdsEverything(stored: Y.Doc, seen: Y.Doc): boolean {
  const before = fragmentOf(stored).toString()
  const vector = Buffer.from(Y.encodeStateVector(stored))
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(seen))
  return (
    fragmentOf(stored).toString() === before &&
    Buffer.compare(Buffer.from(Y.encodeStateVector(stored)), vector) === 0
  )
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
    const start = async (port: string) => {
      const server = await startServerProcess({
        DATA_DIR: dataDir,
        ADMIN_TOKEN: adminToken,
        PORT: port,
      })
      cleanups.push(() => server.child.kill('SIGKILL'))
      return server
    }
    let server: ServerProcess = await start('0')
    const port = String(server.port)
    const invite = async (role: string) => {
      const answer = await fetch(`${server.url}/api/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({
          name: `${role} ${randomBytes(2).toString('hex')}`,
          role,
          proposals: ['voorstel-1'],
        }),
      })
      return ((await answer.json()) as { token: string }).token
    }
    const wsUrl = server.url.replace('http', 'ws')
    const writers: TestClient[] = []
    for (let i = 0; i < WRITERS; i++)
      writers.push(connectClient(wsUrl, 'voorstel-1', await invite('writer')))
    // The observer only reads: it can never send back what the server lost.
    const observer = connectClient(wsUrl, 'voorstel-1', await invite('reviewer'))
    cleanups.push(() => {
      for (const client of [...writers, observer]) client.destroy()
    })
    await Promise.all([...writers, observer].map((client) => client.synced()))
    appendBlock(writers[0]!.doc, 'Start.')
    await vi.waitFor(() => expect(fragmentOf(observer.doc).length).toBe(1))

    let typing = true
    const typists = writers.map(async (writer, n) => {
      while (typing) {
        if (writer.provider.wsconnected && fragmentOf(writer.doc).length > 0) {
          const text = textOfBlock(writer.doc, 0)
          text.insert(Math.min(text.length, n), String.fromCharCode(97 + (n % 26)))
        }
        await new Promise((resolve) => setTimeout(resolve, 10 + (n % 7)))
      }
    })

    for (let round = 1; round <= ROUNDS; round++) {
      const seenBefore = textOfBlock(observer.doc, 0).length
      await vi.waitFor(
        () => expect(textOfBlock(observer.doc, 0).length).toBeGreaterThan(seenBefore + 100),
        { timeout: 20_000 },
      )
      server.child.kill('SIGKILL')
      await server.exited
      const seen = new Y.Doc()
      Y.applyUpdate(seen, Y.encodeStateAsUpdate(observer.doc))
      expect(holdsEverything(await storedDoc(dataDir), seen), `round ${round}`).toBe(true)
      server = await start(port)
      await vi.waitFor(() => expect(observer.provider.synced).toBe(true), { timeout: 20_000 })
    }
    typing = false
    await Promise.all(typists)
    expect(observer.closed).toBeNull()
  })
})
