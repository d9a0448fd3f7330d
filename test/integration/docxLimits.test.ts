import { get } from 'node:http'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { WorkerPool } from '../../sync-server/workers/WorkerPool.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { buildDocx } from '../helpers/docxFiles.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock } from '../helpers/ydoc.ts'

const MiB = 1024 * 1024

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const WAIT = { timeout: 20_000, interval: 50 }

describe('DOCX work is bounded', () => {
  let server: TestServer
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  const pool = () => server.server.services.workers as WorkerPool

  /** Fills voorstel-1 with `count` paragraphs through a real client. */
  async function fill(count: number) {
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const client = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(client)
    await client.synced()
    client.doc.transact(() => {
      for (let i = 0; i < count; i++)
        appendBlock(client.doc, `Alinea ${i}: gemeenten nemen het voortouw in de transities.`)
    })
    await vi.waitFor(async () => {
      const content = await server.api<{ text: string }>('/api/proposals/voorstel-1/content')
      expect(content.body.text.split('\n')).toHaveLength(count)
    }, WAIT)
  }

  const exportPath = '/api/proposals/voorstel-1/export?format=docx'
  const exportDocx = () =>
    fetch(`${server.url}${exportPath}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })

  /**
   * GET with node's own HTTP client: the test shares the server's event loop,
   * and fetch's client costs that loop several times what the server does.
   */
  const download = (path: string) =>
    new Promise<{ status: number; type: string | undefined; body: Buffer }>((resolve, reject) => {
      get(
        `${server.url}${path}`,
        { headers: { authorization: `Bearer ${server.adminToken}` } },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              type: response.headers['content-type'],
              body: Buffer.concat(chunks),
            }),
          )
        },
      ).on('error', reject)
    })

  it('[H5] 200 DOCX exports at once are written on the pool’s two threads, and the server answers others meanwhile', {
    timeout: 120_000,
  }, async () => {
    server = await startServer({
      workerThreads: 2,
      maxQueuedJobs: 200,
      rateLimit: { burst: 1000, perSecond: 1000 },
    })
    await fill(200)
    let finished = 0
    const exports = Promise.all(
      Array.from({ length: 200 }, () =>
        download(exportPath).then((answer) => {
          finished += 1
          return answer
        }),
      ),
    )
    // Asked after all 200: written on the event loop, the exports would answer first.
    // How long the loop waits meanwhile is measured by `npm run bench` (downloads).
    const health = await fetch(`${server.url}/healthz`)
    const finishedBeforeHealth = finished
    const answers = await exports
    expect(health.status).toBe(200)
    expect(finishedBeforeHealth).toBeLessThan(50)
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 200, type: DOCX })
      expect(answer.body.subarray(0, 2).toString('latin1')).toBe('PK')
    }
    expect(pool().started).toBe(2)
    expect(pool().stats()).toMatchObject({ workers: 2, busy: 0, queued: 0 })
  })

  it('[H5] past the queue’s bound exports answer 503 server_busy with Retry-After, in Dutch; the rest and later ones succeed', {
    timeout: 60_000,
  }, async () => {
    server = await startServer({ workerThreads: 1, maxQueuedJobs: 3 })
    await fill(20)
    const answers = await Promise.all(Array.from({ length: 12 }, () => exportDocx()))
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4)
    const busy = answers.filter((answer) => answer.status === 503)
    expect(busy.length).toBeGreaterThan(0)
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true)
    expect(busy[0]!.headers.get('retry-after')).toBe('5')
    expect(await busy[0]!.json()).toEqual({
      error: { code: 'server_busy', message: expect.stringMatching(/te druk.*opnieuw/) },
    })
    expect((await exportDocx()).status).toBe(200)
    expect(pool().started).toBe(1)
  })
})

describe('a .docx that unpacks too large', () => {
  let server: TestServer
  let honestBomb: Buffer
  let lyingBomb: Buffer
  beforeAll(async () => {
    honestBomb = await buildDocx('Hallo', { padding: 400 * MiB })
    lyingBomb = await buildDocx('Hallo', { padding: 400 * MiB, declaredSize: 2000 })
  }, 60_000)
  afterEach(() => server.close())

  const importDocx = (proposalId: string, body: Buffer) =>
    server.api<{ error?: { code: string; message: string; details?: unknown }; text?: string }>(
      `/api/proposals/${proposalId}/import`,
      { method: 'POST', raw: new Uint8Array(body), headers: { 'content-type': DOCX } },
    )

  /** The highest resident memory of this process while `work` runs, above what it was before. */
  async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 5)
    try {
      await work()
    } finally {
      clearInterval(sampler)
    }
    return Math.max(peak, process.memoryUsage().rss) - before
  }

  it('[V5][H5] a zip bomb of 400 MB unpacked is refused with 422 whether its directory tells the truth or not; memory stays flat; a small .docx still imports', {
    timeout: 60_000,
  }, async () => {
    server = await startServer()
    expect(honestBomb.length).toBeLessThan(MiB)
    expect(lyingBomb.length).toBeLessThan(MiB)
    // Positive twin first, which also warms the pool's thread.
    const small = await importDocx(
      'voorstel-2',
      await buildDocx('Hallo gemeenten', { padding: 100 }),
    )
    expect(small.status).toBe(200)
    expect(small.body.text).toBe('Hallo gemeenten')
    for (const bomb of [honestBomb, lyingBomb]) {
      let answer: Awaited<ReturnType<typeof importDocx>> | null = null
      const growth = await peakGrowth(async () => {
        answer = await importDocx('voorstel-1', bomb)
      })
      expect(answer!.status).toBe(422)
      expect(answer!.body.error).toMatchObject({
        code: 'validation_failed',
        message: expect.stringContaining('Dit bestand is uitgepakt te groot'),
        details: { field: 'file', reason: 'unpacked_too_large' },
      })
      // What the default limit (8 MiB) lets a worker unpack, and no more.
      expect(growth).toBeLessThan(64 * MiB)
    }
    const content = await server.api<{ text: string }>('/api/proposals/voorstel-1/content')
    expect(content.body.text).toBe('')
  })
})
