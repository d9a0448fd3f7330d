/**
 * The harness side of the driver processes: forks them once per invocation and sends
 * them requests. Two or more drivers share the clients, so no single process limits the load.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Envelope, Reply, Request } from './messages.ts'

const DRIVER = fileURLToPath(new URL('./driver.ts', import.meta.url))

export class DriverPool {
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >()

  private constructor(readonly children: ChildProcess[]) {
    for (const child of children) {
      child.on('message', (reply: Reply) => {
        const waiter = this.pending.get(reply.id)
        if (!waiter) return
        this.pending.delete(reply.id)
        if (reply.ok) waiter.resolve(reply.result)
        else waiter.reject(new Error(`driver ${child.pid}: ${reply.error}`))
      })
      child.on('exit', (code) => {
        for (const waiter of this.pending.values()) {
          waiter.reject(new Error(`driver ${child.pid} exited with ${code}`))
        }
        this.pending.clear()
      })
    }
  }

  /** Forks `count` drivers. */
  static start(count: number): DriverPool {
    const children = Array.from({ length: count }, () =>
      fork(DRIVER, [], {
        execArgv: ['--import', 'tsx', '--max-old-space-size=6144'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    )
    return new DriverPool(children)
  }

  /** Process ids of the drivers, for /proc readings. */
  get pids(): number[] {
    return this.children.map((child) => child.pid ?? -1).filter((pid) => pid > 0)
  }

  get size(): number {
    return this.children.length
  }

  /** Sends `request` to driver `index` and resolves with its answer. */
  call<T = unknown>(index: number, request: Request): Promise<T> {
    const child = this.children[index]
    if (!child) throw new Error(`no driver ${index}`)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      child.send({ ...request, id } satisfies Envelope)
    })
  }

  /** Sends each driver its own request (skipping undefined ones) and waits for all. */
  each<T = unknown>(requests: Array<Request | undefined>): Promise<Array<T | undefined>> {
    return Promise.all(
      requests.map((request, index) =>
        request ? this.call<T>(index, request) : Promise.resolve(undefined),
      ),
    )
  }

  /** Sends the same request to every driver. */
  all<T = unknown>(request: Request): Promise<T[]> {
    return Promise.all(this.children.map((_, index) => this.call<T>(index, request)))
  }

  stop(): void {
    for (const child of this.children) child.disconnect()
  }
}
