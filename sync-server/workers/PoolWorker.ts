/**
 * One worker thread of the pool: it registers tsx once, keeps every module it
 * loaded, and runs one job at a time. A job's answer says whether the function
 * returned, threw, or its module could not be loaded at all.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/** What a job came to. */
export type JobResult =
  | { kind: 'output'; output: unknown }
  | { kind: 'failed'; error: string }
  | { kind: 'unloadable'; error: string }

// tsx's ES module API: `require.resolve` answers its CommonJS twin beside it.
const TSX_API = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs'),
).href

// CommonJS (an eval worker's default); `import()` loads ES modules from it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
// On Linux this lowers this thread only: the event loop, serving sockets, always comes first.
try { require('node:os').setPriority(0, 10) } catch {}
const ready = import(workerData.tsx).then(({ register }) => register())
const modules = new Map()
parentPort.on('message', async ({ module, name, input }) => {
  let loaded
  try {
    await ready
    if (!modules.has(module)) modules.set(module, import(module))
    loaded = await modules.get(module)
  } catch (error) {
    modules.delete(module)
    parentPort.postMessage({ kind: 'unloadable', error: String((error && error.stack) || error) })
    return
  }
  try {
    parentPort.postMessage({ kind: 'output', output: await loaded[name](input) })
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', error: String((error && error.stack) || error) })
  }
})
`

export class PoolWorker {
  readonly #worker: Worker
  #current: { resolve: (result: JobResult) => void; reject: (error: Error) => void } | null = null
  #gone = false

  /** @param onGone called once when the thread has stopped, for whatever reason */
  constructor(heapMb: number, onGone: () => void) {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { tsx: TSX_API },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    })
    // An idle worker must not keep the process alive.
    this.#worker.unref()
    this.#worker.on('message', (result: JobResult) => {
      const current = this.#current
      this.#current = null
      this.#worker.unref()
      current?.resolve(result)
    })
    const stop = (error: Error) => {
      if (this.#gone) return
      this.#gone = true
      const current = this.#current
      this.#current = null
      onGone()
      current?.reject(error)
    }
    this.#worker.on('error', stop)
    this.#worker.on('exit', (code) => stop(new Error(`the worker stopped (exit code ${code})`)))
  }

  /** Runs `module`'s export `name` on `input`; rejects when the thread dies meanwhile. */
  run(module: URL, name: string, input: unknown): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      if (this.#gone) return reject(new Error('the worker has stopped'))
      this.#current = { resolve, reject }
      // While it works, the job keeps the process alive like any pending request.
      this.#worker.ref()
      this.#worker.postMessage({ module: module.href, name, input })
    })
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate()
  }
}
