/**
 * Adapter for several Meeschrijven instances serving together (contract D1, D2): N server
 * processes on one machine sharing one PostgreSQL database (DATABASE_URL) and one Redis
 * (REDIS_URL), each on its own port, as behind a load balancer without sticky sessions.
 * Clients are handed out over the instances in turn, one endpoint per client, and so are
 * the API calls that create proposals and invites. Its CPU is the sum of all instances';
 * PostgreSQL and Redis are passed in by the workload and measured apart.
 */
import { randomBytes } from 'node:crypto'
import type { Endpoint } from '../drivers/client.ts'
import type {
  BackingService,
  BenchServer,
  LoopDelay,
  MemoryUsage,
  StartOptions,
} from './BenchServer.ts'
import {
  adminApi,
  createBenchProposals,
  type Instance,
  inParallel,
  inviteWriter,
  startInstance,
  syncBase,
} from './meeschrijven.ts'

export interface ClusterStartOptions extends StartOptions {
  instances: number
  databaseUrl: string
  redisUrl: string
  /** PostgreSQL and Redis, for their CPU. */
  backing?: BackingService[]
  /** Called once the instances have stopped (e.g. to stop this run's Redis). */
  release?: () => Promise<void>
}

export interface ClusterServer extends BenchServer {
  /** How many instances serve. */
  readonly instances: number
}

/** Starts `instances` server processes on PostgreSQL and Redis; resolves once all listen. */
export async function startMeeschrijvenCluster(
  options: ClusterStartOptions,
): Promise<ClusterServer> {
  const adminToken = randomBytes(24).toString('hex')
  const env = {
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
  }
  const start = (i: number) =>
    startInstance({
      adminToken,
      env,
      profileDir: options.profileDir,
      label: `Meeschrijven instance ${i + 1}`,
    })
  const started: Instance[] = []
  const release = async (): Promise<void> => {
    await Promise.all(started.map((instance) => instance.stop()))
    await options.release?.()
  }
  try {
    // one first, so the schema is migrated once; the rest together
    started.push(await start(0))
    const rest = await Promise.allSettled(
      Array.from({ length: options.instances - 1 }, (_, i) => start(i + 1)),
    )
    for (const result of rest) if (result.status === 'fulfilled') started.push(result.value)
    const failed = rest.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
  } catch (error) {
    await release()
    throw error
  }
  const processes = started.map((instance) => instance.process)
  const apis = processes.map((process) => adminApi(() => process.url, adminToken))
  let nextApi = 0
  let nextClient = 0
  const api = (<T>(method: string, path: string, body?: unknown) =>
    apis[nextApi++ % apis.length]!<T>(method, path, body)) as ReturnType<typeof adminApi>
  const worst = (delays: LoopDelay[]): LoopDelay => ({
    p50Ms: Math.max(...delays.map((d) => d.p50Ms)),
    p99Ms: Math.max(...delays.map((d) => d.p99Ms)),
    maxMs: Math.max(...delays.map((d) => d.maxMs)),
    meanMs: Math.max(...delays.map((d) => d.meanMs)),
  })
  return {
    kind: 'meeschrijven',
    instances: processes.length,
    get pid() {
      return processes[0]!.pid
    },
    get pids() {
      return processes.map((process) => process.pid)
    },
    backing: options.backing ?? [],
    // the documents live in PostgreSQL and Redis; the folders hold no more than a token file
    dataDir: undefined,
    createProposals: (count) => createBenchProposals(api, count),
    async writers(proposals): Promise<Endpoint[]> {
      const base = nextClient
      nextClient += proposals.length
      return inParallel(proposals, 8, async (id, i) => {
        const n = base + i
        return {
          serverUrl: syncBase(processes[n % processes.length]!.url),
          room: id,
          params: { token: await inviteWriter(api, id, n + 1) },
        }
      })
    },
    loopDelay: async () => worst(await Promise.all(processes.map((p) => p.loopDelay()))),
    resetLoopDelay: async () => {
      await Promise.all(processes.map((p) => p.resetLoopDelay()))
    },
    async memory(): Promise<MemoryUsage> {
      const all = await Promise.all(processes.map((p) => p.memory()))
      const sum = (get: (m: MemoryUsage) => number) => all.reduce((t, m) => t + get(m), 0)
      return {
        rss: sum((m) => m.rss),
        heapUsed: sum((m) => m.heapUsed),
        external: sum((m) => m.external),
        arrayBuffers: sum((m) => m.arrayBuffers),
        collected: all.every((m) => m.collected),
      }
    },
    async restart() {
      let total = 0
      for (const process of processes) total += await process.restart()
      return total
    },
    stop: release,
  }
}
