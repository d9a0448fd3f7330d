import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../sync-server/log.ts'
import {
  type OffThreadTask,
  type TaskRunner,
  WorkerPool,
} from '../../sync-server/workers/WorkerPool.ts'
import { buildDocx } from '../helpers/docxFiles.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const P1 = '/api/proposals/voorstel-1'

/** The real pool behind a gate: jobs wait until the test opens it, so a write is surely in flight. */
class GatedPool implements TaskRunner {
  readonly #pool = new WorkerPool({
    size: 1,
    maxQueued: 10,
    heapMb: 512,
    log: createLogger({ sink: () => {} }),
  })
  waiting = 0
  #open: () => void = () => {}
  readonly #gate = new Promise<void>((open) => {
    this.#open = open
  })

  async run<I, O>(task: OffThreadTask<I, O>, input: I): Promise<O> {
    this.waiting++
    await this.#gate
    return this.#pool.run(task, input)
  }

  open(): void {
    this.#open()
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}

describe('a server write that began before the freeze', () => {
  let server: TestServer
  let pool: GatedPool
  afterEach(async () => {
    pool.open()
    await server.close()
  })

  async function importInFlight() {
    pool = new GatedPool()
    server = await startServer({ workers: pool })
    const body = await buildDocx('Tekst uit Word')
    const answer = server.api<{ error?: { code: string; message: string }; text?: string }>(
      `${P1}/import`,
      { method: 'POST', raw: new Uint8Array(body), headers: { 'content-type': DOCX } },
    )
    // The import passed its checks and now waits for a worker.
    await vi.waitFor(() => expect(pool.waiting).toBe(1))
    return { answer }
  }

  const text = async () => (await server.api<{ text: string }>(`${P1}/content`)).body.text

  it('[H4] an import awaiting the worker pool when an editor sets vastgesteld answers 409 frozen and changes nothing', async () => {
    const { answer } = await importInFlight()
    const frozen = await server.api(P1, { method: 'PATCH', body: { status: 'vastgesteld' } })
    expect(frozen.status).toBe(200)
    pool.open()
    const refused = await answer
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({
      code: 'frozen',
      message: expect.stringContaining('vastgesteld'),
    })
    expect(await text()).toBe('')
    await server.restart()
    expect(await text()).toBe('')
  })

  it('[H4][V5] the same import, with the status left alone, lands', async () => {
    const { answer } = await importInFlight()
    pool.open()
    const done = await answer
    expect(done.status).toBe(200)
    expect(done.body.text).toBe('Tekst uit Word')
    await server.restart()
    expect(await text()).toBe('Tekst uit Word')
  })

  it('[H4] once the status goes back to concept, the import works again', async () => {
    const { answer } = await importInFlight()
    await server.api(P1, { method: 'PATCH', body: { status: 'vastgesteld' } })
    pool.open()
    expect((await answer).status).toBe(409)
    await server.api(P1, { method: 'PATCH', body: { status: 'concept' } })
    const again = await server.api<{ text: string }>(`${P1}/import`, {
      method: 'POST',
      raw: new Uint8Array(await buildDocx('Tweede poging')),
      headers: { 'content-type': DOCX },
    })
    expect(again.status).toBe(200)
    expect(await text()).toBe('Tweede poging')
  })
})
