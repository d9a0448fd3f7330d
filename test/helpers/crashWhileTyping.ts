/**
 * P5 under load, for any storage: the server runs as its own process while
 * writers type; it is killed with SIGKILL several times, and after each kill —
 * with the server down — what storage holds is compared with what a reading
 * observer saw broadcast. The observer only reads, so it can never send back what
 * the server lost.
 */
import { randomBytes } from 'node:crypto'
import { expect, vi } from 'vitest'
import * as Y from 'yjs'
import type { StoredDocument } from '../../sync-server/persistence/Storage.ts'
import { connectClient, type TestClient } from './clients.ts'
import { type ServerProcess, startServerProcess } from './serverProcess.ts'
import { appendBlock, fragmentOf, textOfBlock } from './ydoc.ts'

export interface CrashRun {
  dataDir: string
  writers: number
  rounds: number
  /** What storage holds for voorstel-1, read while the server is down. */
  storedDoc: () => Promise<Y.Doc>
  cleanups: Array<() => unknown>
}

/** The document a stored snapshot and log make. */
export function docFrom(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state)
  for (const record of stored.log) Y.applyUpdate(doc, record.update)
  return doc
}

/** The insertions and deletions of `seen` that `stored` lacks: none, when it holds everything. */
export function missing(stored: Y.Doc, seen: Y.Doc): { text: boolean; state: boolean } {
  const before = fragmentOf(stored).toString()
  const vector = Buffer.from(Y.encodeStateVector(stored))
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(seen))
  return {
    text: fragmentOf(stored).toString() !== before,
    state: Buffer.compare(Buffer.from(Y.encodeStateVector(stored)), vector) !== 0,
  }
}

export async function crashWhileTyping(run: CrashRun): Promise<void> {
  const adminToken = randomBytes(24).toString('base64url')
  const start = async (port: string) => {
    const server = await startServerProcess({
      DATA_DIR: run.dataDir,
      ADMIN_TOKEN: adminToken,
      PORT: port,
    })
    run.cleanups.push(() => server.child.kill('SIGKILL'))
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
  for (let i = 0; i < run.writers; i++)
    writers.push(connectClient(wsUrl, 'voorstel-1', await invite('writer')))
  const observer = connectClient(wsUrl, 'voorstel-1', await invite('reviewer'))
  run.cleanups.push(() => {
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
  for (let round = 1; round <= run.rounds; round++) {
    const seenBefore = textOfBlock(observer.doc, 0).length
    await vi.waitFor(
      () => expect(textOfBlock(observer.doc, 0).length).toBeGreaterThan(seenBefore + 100),
      { timeout: 20_000 },
    )
    server.child.kill('SIGKILL')
    await server.exited
    const seen = new Y.Doc()
    Y.applyUpdate(seen, Y.encodeStateAsUpdate(observer.doc))
    expect(missing(await run.storedDoc(), seen), `round ${round}`).toEqual({
      text: false,
      state: false,
    })
    server = await start(port)
    await vi.waitFor(() => expect(observer.provider.synced).toBe(true), { timeout: 20_000 })
  }
  typing = false
  await Promise.all(typists)
  expect(observer.closed).toBeNull()
}
