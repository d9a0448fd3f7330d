/**
 * Runs a pure, CPU-heavy function in a worker thread, so the event loop keeps
 * serving sockets meanwhile: writing the memorandum of a large round as DOCX
 * takes most of a second, and everyone's typing would wait that long.
 *
 * The worker loads the function's TypeScript module through tsx (registered in
 * the worker itself, so it works whether or not the parent runs under tsx). If
 * the worker cannot run, the function runs here instead and the reason is
 * logged: the person still gets their file.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../log.ts'

/** An exported function of a module, by the module's URL and the export's name. */
export interface OffThreadTask<I, O> {
  module: URL
  name: string
  /** The same function, imported here, for when no worker can run. */
  inProcess: (input: I) => Promise<O> | O
}

// tsx's ES module API: `require.resolve` answers its CommonJS twin beside it.
const TSX_API = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs'),
).href

// CommonJS (an eval worker's default); `import()` loads ES modules from it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  const { register } = await import(workerData.tsx)
  register()
  const module = await import(workerData.module)
  const output = await module[workerData.name](workerData.input)
  parentPort.postMessage(output)
})().catch((error) => {
  parentPort.postMessage({ offThreadError: String(error && error.stack || error) })
})
`

function inWorker<I, O>(task: OffThreadTask<I, O>, input: I): Promise<O> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { tsx: TSX_API, module: task.module.href, name: task.name, input },
    })
    worker.once('message', (message: unknown) => {
      void worker.terminate()
      if (message && typeof message === 'object' && 'offThreadError' in message) {
        reject(new Error(String(message.offThreadError)))
      } else resolve(message as O)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the worker stopped (exit code ${code})`)))
  })
}

/** `task.name(input)` in a worker thread; here when the worker fails. */
export async function runOffThread<I, O>(
  task: OffThreadTask<I, O>,
  input: I,
  log: Logger,
): Promise<O> {
  try {
    return await inWorker(task, input)
  } catch (error) {
    log.warn('a worker thread failed; running the task on the main thread', {
      task: task.name,
      error: String(error),
    })
    return task.inProcess(input)
  }
}
