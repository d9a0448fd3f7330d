import * as prng from 'lib0/prng'
import pg from 'pg'
import { afterEach, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { testDatabaseFor } from '../helpers/postgres.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function stored(server: TestServer) {
  const client = new pg.Client({ connectionString: await testDatabaseFor(server.dataDir)! })
  await client.connect()
  try {
    const { rows } = await client.query(`SELECT
      (SELECT seq_upto::int FROM document_snapshots WHERE proposal_id = 'voorstel-1') AS "snapshotUpto",
      (SELECT count(*)::int FROM document_log WHERE proposal_id = 'voorstel-1') AS "logRows"`)
    return rows[0] as { snapshotUpto: number | null; logRows: number }
  } finally {
    await client.end()
  }
}

it('[P5][S1] four people typing through many compactions converge, and a restart serves the same text', async () => {
  const seed = Number(process.env.SEED ?? Date.now() % 1_000_000)
  const gen = prng.create(seed)
  // A small threshold, so the log is compacted many times while people type.
  const server = await startServer({ compactAfterBytes: 2048, logLevel: 'warn' })
  cleanups.push(() => server.close())
  const clients: TestClient[] = []
  for (let i = 0; i < 4; i++) {
    const { token } = await server.invite({
      name: `Typist ${i}`,
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const client = connectClient(server.wsUrl, 'voorstel-1', token)
    cleanups.push(() => client.destroy())
    clients.push(client)
  }
  await Promise.all(clients.map((c) => c.synced()))
  appendBlock(clients[0]!.doc, 'Begin.')
  await vi.waitFor(() => {
    for (const c of clients) expect(linesOf(c.doc)).toBe('Begin.')
  })
  await Promise.all(
    clients.map(async (client, n) => {
      for (let i = 0; i < 150; i++) {
        const text = textOfBlock(client.doc, 0)
        if (i % 5 === 4 && text.length > 10) text.delete(prng.int32(gen, 1, text.length - 2), 1)
        else text.insert(prng.int32(gen, 0, text.length), `${n}${'abc'[i % 3]}`)
        if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
    }),
  )
  const agreed = () => linesOf(clients[0]!.doc)
  await vi.waitFor(
    async () => {
      for (const c of clients) expect(linesOf(c.doc), `seed ${seed}`).toBe(agreed())
      const content = await server.api<{ text: string }>('/api/proposals/voorstel-1/content')
      expect(content.body.text).toBe(agreed())
    },
    { timeout: 15_000, interval: 100 },
  )
  const during = await stored(server)
  expect(during.snapshotUpto).toBeGreaterThan(0)
  expect(during.logRows).toBeLessThan(600)

  const text = agreed()
  for (const c of clients) c.destroy()
  await server.restart()
  const after = await server.api<{ text: string }>('/api/proposals/voorstel-1/content')
  expect(after.body.text).toBe(text)
  expect(text.length).toBeGreaterThan(600)
})
