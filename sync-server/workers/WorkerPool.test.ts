import { threadId } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { createLogger } from '../log.ts'
import { WorkerPool } from './WorkerPool.ts'
import { exhaustHeap, fail, whereAmI } from './whereAmI.fixture.ts'

const FIXTURE = new URL('./whereAmI.fixture.ts', import.meta.url)
const whereAmITask = { module: FIXTURE, name: 'whereAmI', inProcess: whereAmI }

function collectingLog() {
  const lines: Array<{ level: string; message: string; error?: string }> = []
  const log = createLogger({ level: 'debug', sink: (line) => lines.push(JSON.parse(line)) })
  return { log, lines }
}

describe('WorkerPool', () => {
  let pool: WorkerPool
  afterEach(() => pool.close())

  const startPool = (size = 2, maxQueued = 100, heapMb = 256) => {
    const { log, lines } = collectingLog()
    pool = new WorkerPool({ size, maxQueued, heapMb, log })
    return lines
  }

  it('runs a TypeScript module’s function in another thread, and keeps that thread for the next job', async () => {
    const lines = startPool()
    const first = await pool.run(whereAmITask, { text: 'reactienota' })
    expect(first.shouted).toBe('REACTIENOTA')
    expect(first.threadId).not.toBe(threadId)
    const second = await pool.run(whereAmITask, { text: 'nog een' })
    expect(second.threadId).toBe(first.threadId)
    expect(pool.stats()).toEqual({ workers: 1, busy: 0, queued: 0, started: 1 })
    expect(lines).toEqual([])
  })

  it('runs 20 jobs at once on at most its two threads', async () => {
    startPool(2)
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pool.run(whereAmITask, { text: `taak ${i}` })),
    )
    expect(answers.map((a) => a.shouted)).toEqual(Array.from({ length: 20 }, (_, i) => `TAAK ${i}`))
    expect(new Set(answers.map((a) => a.threadId)).size).toBeLessThanOrEqual(2)
    expect(pool.started).toBe(2)
  })

  it('refuses a job at once with 503 server_busy when the queue is full; the others run', async () => {
    startPool(1, 2)
    const jobs = [1, 2, 3].map((i) => pool.run(whereAmITask, { text: `taak ${i}` }))
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 2 })
    const refused = await pool.run(whereAmITask, { text: 'te veel' }).catch((error) => error)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'server_busy', status: 503 })
    expect(refused.message).toMatch(/te druk/)
    expect((await Promise.all(jobs)).map((a) => a.shouted)).toEqual(['TAAK 1', 'TAAK 2', 'TAAK 3'])
  })

  it('a task that throws fails its job with the reason; the thread serves the next', async () => {
    startPool(1)
    const task = { module: FIXTURE, name: 'fail', inProcess: fail }
    await expect(pool.run(task, { text: 'kapot' })).rejects.toThrow('mislukt: kapot')
    await expect(pool.run(whereAmITask, { text: 'daarna' })).resolves.toMatchObject({
      shouted: 'DAARNA',
    })
    expect(pool.started).toBe(1)
  })

  it('a job that outgrows the heap limit fails alone; a new thread takes the next', async () => {
    const lines = startPool(1, 100, 32)
    const task = { module: FIXTURE, name: 'exhaustHeap', inProcess: exhaustHeap }
    await expect(pool.run(task, undefined)).rejects.toThrow()
    expect(lines.some((line) => line.level === 'error')).toBe(true)
    const after = await pool.run(whereAmITask, { text: 'verder' })
    expect(after.shouted).toBe('VERDER')
    expect(after.threadId).not.toBe(threadId)
    expect(pool.started).toBe(2)
    // Filling a heap to its limit is real work: on a busy machine it passed Vitest's 5 s default.
  }, 30_000)

  it('runs the function here, and says why, when no worker can load its module', async () => {
    const lines = startPool()
    const task = {
      module: new URL('./doesNotExist.ts', import.meta.url),
      name: 'whereAmI',
      inProcess: whereAmI,
    }
    const answer = await pool.run(task, { text: 'toch' })
    expect(answer).toEqual({ threadId, shouted: 'TOCH' })
    expect(lines).toHaveLength(1)
    expect(lines[0]!.level).toBe('warn')
    expect(lines[0]!.error).toContain('doesNotExist')
  })
})
