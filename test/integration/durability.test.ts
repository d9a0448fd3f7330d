import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type ServerProcess, startServerProcess } from '../helpers/serverProcess.ts'
import { appendBlock, fragmentOf, linesOf, textOfBlock } from '../helpers/ydoc.ts'

const adminToken = randomBytes(24).toString('base64url')

async function invite(url: string, role: string) {
  const response = await fetch(`${url}/api/invites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `Schrijver ${randomBytes(2).toString('hex')}`,
      role,
      proposals: ['voorstel-1'],
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { token: string }).token
}

/** The stored document, read by a fresh client that only reads. */
async function storedDoc(server: ServerProcess, token: string): Promise<Y.Doc> {
  const reader = connectClient(server.url.replace('http', 'ws'), 'voorstel-1', token)
  await reader.synced()
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc))
  reader.destroy()
  return doc
}

/** True when `stored` already holds every insertion and deletion of `seen`. */
function holdsEverything(stored: Y.Doc, seen: Y.Doc): boolean {
  const before = fragmentOf(stored).toString()
  const vectorBefore = Y.encodeStateVector(stored)
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(seen))
  return (
    fragmentOf(stored).toString() === before &&
    Buffer.compare(Buffer.from(Y.encodeStateVector(stored)), Buffer.from(vectorBefore)) === 0
  )
}

describe('durability', () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function start(dataDir: string, port = '0') {
    const server = await startServerProcess({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      PORT: port,
    })
    cleanups.push(() => {
      server.child.kill('SIGKILL')
    })
    return server
  }

  async function freshDataDir() {
    const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-durability-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    return dir
  }

  it('[P5] after kill -9 while three people type, everything that was broadcast is stored', async () => {
    const dataDir = await freshDataDir()
    let server = await start(dataDir)
    const wsUrl = server.url.replace('http', 'ws')
    const tokens = await Promise.all([
      invite(server.url, 'writer'),
      invite(server.url, 'writer'),
      invite(server.url, 'writer'),
    ])
    const observerToken = await invite(server.url, 'reviewer')
    const writers: TestClient[] = tokens.map((token) => connectClient(wsUrl, 'voorstel-1', token))
    const observer = connectClient(wsUrl, 'voorstel-1', observerToken)
    cleanups.push(() => {
      for (const client of [...writers, observer]) client.destroy()
    })
    await Promise.all([...writers, observer].map((client) => client.synced()))
    appendBlock(writers[0]!.doc, 'Begin. ')
    await vi.waitFor(() => expect(linesOf(observer.doc)).toContain('Begin.'))
    // Type until the observer has seen plenty, then kill the server mid-typing.
    let typing = true
    const typists = writers.map(async (writer, n) => {
      for (let i = 0; typing; i++) {
        const text = textOfBlock(writer.doc, 0)
        if (i % 7 === 6 && text.length > 3) text.delete(1, 1)
        else text.insert(text.length, `${n}`)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })
    await vi.waitFor(() => expect(textOfBlock(observer.doc, 0).length).toBeGreaterThan(300), {
      timeout: 20_000,
    })
    server.child.kill('SIGKILL')
    typing = false
    await Promise.all(typists)
    // The clients go too, so nothing can be sent again after the restart.
    for (const writer of writers) writer.provider.destroy()
    observer.provider.destroy()
    await server.exited
    const seen = observer.doc
    expect(textOfBlock(seen, 0).length).toBeGreaterThan(300)

    server = await start(dataDir)
    const stored = await storedDoc(server, observerToken)
    expect(holdsEverything(stored, seen)).toBe(true)
  })

  it('[P5] a client that kept writing while the server was down brings its edits back', async () => {
    const dataDir = await freshDataDir()
    let server = await start(dataDir)
    const wsUrl = server.url.replace('http', 'ws')
    const token = await invite(server.url, 'writer')
    const writer = connectClient(wsUrl, 'voorstel-1', token)
    cleanups.push(() => writer.destroy())
    await writer.synced()
    appendBlock(writer.doc, 'Voor de storing.')
    await vi.waitFor(async () => {
      const answer = await fetch(`${server.url}/api/proposals/voorstel-1/content`, {
        headers: { authorization: `Bearer ${adminToken}` },
      })
      expect(((await answer.json()) as { text: string }).text).toBe('Voor de storing.')
    })
    server.child.kill('SIGKILL')
    await server.exited
    await vi.waitFor(() => expect(writer.provider.wsconnected).toBe(false))
    appendBlock(writer.doc, 'Tijdens de storing geschreven.')

    server = await start(dataDir, String(server.port))
    await vi.waitFor(
      async () => {
        const answer = await fetch(`${server.url}/api/proposals/voorstel-1/content`, {
          headers: { authorization: `Bearer ${adminToken}` },
        })
        expect(((await answer.json()) as { text: string }).text).toBe(
          'Voor de storing.\nTijdens de storing geschreven.',
        )
      },
      { timeout: 15_000 },
    )
  })

  it('[P5] SIGTERM stops accepting, writes everything and exits 0 within 5 s', async () => {
    const dataDir = await freshDataDir()
    let server = await start(dataDir)
    const token = await invite(server.url, 'writer')
    const writer = connectClient(server.url.replace('http', 'ws'), 'voorstel-1', token)
    cleanups.push(() => writer.destroy())
    await writer.synced()
    appendBlock(writer.doc, 'Netjes afgesloten.')
    const reader = connectClient(server.url.replace('http', 'ws'), 'voorstel-1', token)
    cleanups.push(() => reader.destroy())
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Netjes afgesloten.'))
    writer.provider.destroy()
    reader.provider.destroy()
    const stoppedAt = Date.now()
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(Date.now() - stoppedAt).toBeLessThan(5000)

    server = await start(dataDir)
    const stored = await storedDoc(server, token)
    expect(linesOf(stored)).toBe('Netjes afgesloten.')
  })
})
