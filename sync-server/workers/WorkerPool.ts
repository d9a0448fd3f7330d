/**
 * A fixed number of worker threads for pure, CPU-heavy functions (writing a
 * DOCX, reading one), so the event loop keeps serving sockets meanwhile: the
 * memorandum of a large round takes most of a second to write, and everyone's
 * typing would wait that long.
 *
 * Workers start on first use and then stay (warm: tsx and the task's module
 * are loaded once). Jobs beyond the workers wait in a queue of bounded length;
 * past it `run` refuses at once with 503 `server_busy`, so a crowd of requests
 * costs a queue entry each, never a thread each. A worker that dies (its heap
 * limit, say) fails its job only and is replaced by the next job that needs one.
 */

import { AppError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { PoolWorker } from './PoolWorker.ts'

/** An exported function of a module, by the module's URL and the export's name. */
export interface OffThreadTask<I, O> {
  module: URL
  name: string
  /** The same function, imported here, for when no worker can load the module. */
  inProcess: (input: I) => Promise<O> | O
}

export interface WorkerPoolOptions {
  /** Worker threads at most. */
  size: number
  /** Jobs that may wait for a worker; more are refused (503). */
  maxQueued: number
  /** Heap of one worker, in MiB; a job that needs more fails alone. */
  heapMb: number
  log: Logger
}

/** Runs tasks; the server's pool, or a stand-in a test gives `createServer`. */
export interface TaskRunner {
  run<I, O>(task: OffThreadTask<I, O>, input: I): Promise<O>
  close(): Promise<void>
}

interface Job {
  task: OffThreadTask<unknown, unknown>
  input: unknown
  resolve: (output: unknown) => void
  reject: (error: unknown) => void
}

const busy = () =>
  new AppError(
    'server_busy',
    'De server is even te druk om dit bestand te maken of te lezen. Probeer het over een paar seconden opnieuw.',
    { headers: { 'retry-after': '5' } },
  )

export class WorkerPool implements TaskRunner {
  readonly #options: WorkerPoolOptions
  readonly #idle: PoolWorker[] = []
  readonly #all = new Set<PoolWorker>()
  readonly #queue: Job[] = []
  /** Workers started in the pool's lifetime (tests see that they are reused). */
  started = 0
  #closed = false

  constructor(options: WorkerPoolOptions) {
    this.#options = options
  }

  /** `task.name(input)` in a worker thread. @throws AppError server_busy (503) when the queue is full */
  run<I, O>(task: OffThreadTask<I, O>, input: I): Promise<O> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'))
    const worker = this.#idle.pop() ?? this.#startWorker()
    if (!worker && this.#queue.length >= this.#options.maxQueued) return Promise.reject(busy())
    return new Promise<O>((resolve, reject) => {
      const job: Job = {
        task: task as OffThreadTask<unknown, unknown>,
        input,
        resolve: resolve as (output: unknown) => void,
        reject,
      }
      if (worker) this.#dispatch(worker, job)
      else this.#queue.push(job)
    })
  }

  /** Workers alive now, busy ones and jobs waiting. */
  stats(): { workers: number; busy: number; queued: number; started: number } {
    return {
      workers: this.#all.size,
      busy: this.#all.size - this.#idle.length,
      queued: this.#queue.length,
      started: this.started,
    }
  }

  #startWorker(): PoolWorker | null {
    if (this.#all.size >= this.#options.size) return null
    const worker = new PoolWorker(this.#options.heapMb, () => this.#lost(worker))
    this.#all.add(worker)
    this.started++
    return worker
  }

  #dispatch(worker: PoolWorker, job: Job): void {
    worker.run(job.task.module, job.task.name, job.input).then(
      (result) => {
        if (result.kind === 'output') job.resolve(result.output)
        else if (result.kind === 'failed') job.reject(new Error(result.error))
        else this.#runHere(job, result.error)
        this.#next(worker)
      },
      (error: unknown) => {
        // The worker died under this job (its heap limit, say): that job fails, no other.
        this.#options.log.error('a worker thread stopped during a task', {
          task: job.task.name,
          error: String(error),
        })
        job.reject(error)
        this.#next(null)
      },
    )
  }

  /** The module cannot load in a worker (a broken install): the person still gets their file. */
  #runHere(job: Job, reason: string): void {
    this.#options.log.warn('a worker thread cannot load its task; running it on the main thread', {
      task: job.task.name,
      error: reason,
    })
    Promise.resolve()
      .then(() => job.task.inProcess(job.input))
      .then(job.resolve, job.reject)
  }

  /** A worker is free (or gone): give it, or a new one, the next job. */
  #next(worker: PoolWorker | null): void {
    if (this.#closed) return
    const free = worker ?? (this.#queue.length > 0 ? this.#startWorker() : null)
    if (!free) return
    const job = this.#queue.shift()
    if (job) this.#dispatch(free, job)
    else this.#idle.push(free)
  }

  #lost(worker: PoolWorker): void {
    this.#all.delete(worker)
    const at = this.#idle.indexOf(worker)
    if (at >= 0) this.#idle.splice(at, 1)
  }

  /** Stops every worker; jobs still waiting fail. */
  async close(): Promise<void> {
    this.#closed = true
    for (const job of this.#queue.splice(0)) job.reject(new Error('the server is stopping'))
    await Promise.all([...this.#all].map((worker) => worker.terminate()))
  }
}
