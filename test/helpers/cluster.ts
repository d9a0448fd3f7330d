/**
 * A cluster for tests (contract D1, D2): PostgreSQL (one fresh database), Redis
 * with appendonly, and several server processes sharing them, each on its own
 * port — as behind a load balancer, but with each instance's address known.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabaseOn } from './postgres.ts'
import { startRedis, type TestRedis } from './redis.ts'
import type { Invited, InviteInput } from './server.ts'
import { type ServerProcess, startServerProcess } from './serverProcess.ts'

export interface TestCluster {
  instances: ServerProcess[]
  adminToken: string
  redis: TestRedis
  databaseUrl: string
  /** Starts one more instance (e.g. after a crash); returns it. */
  startInstance(env?: Record<string, string>): Promise<ServerProcess>
  api<T = unknown>(
    instance: ServerProcess,
    path: string,
    init?: { method?: string; token?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>
  invite(instance: ServerProcess, input: InviteInput): Promise<Invited>
  /** kill -9 of one instance. */
  kill(instance: ServerProcess): Promise<void>
  stop(): Promise<void>
}

export async function startTestCluster(
  postgresUrl: string,
  count = 3,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  const databaseUrl = await createDatabaseOn(postgresUrl)
  const redis = await startRedis()
  const adminToken = randomBytes(24).toString('base64url')
  const dirs: string[] = []
  const all: ServerProcess[] = []
  const startInstance = async (extra: Record<string, string> = {}) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-cluster-'))
    dirs.push(dataDir)
    const instance = await startServerProcess({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      ADMIN_TOKEN: adminToken,
      DATA_DIR: dataDir,
      PORT: '0',
      ...env,
      ...extra,
    })
    all.push(instance)
    return instance
  }
  const instances: ServerProcess[] = []
  // One first, so the schema is made once; the rest together.
  instances.push(await startInstance())
  instances.push(...(await Promise.all(Array.from({ length: count - 1 }, () => startInstance()))))
  const cluster: TestCluster = {
    instances,
    adminToken,
    redis,
    databaseUrl,
    startInstance,
    async api(instance, path, init = {}) {
      const response = await fetch(`${instance.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${init.token ?? adminToken}`,
          'content-type': 'application/json',
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
      const text = await response.text()
      return { status: response.status, body: (text ? JSON.parse(text) : null) as never }
    },
    async invite(instance, input) {
      const answer = await cluster.api<Invited>(instance, '/api/invites', {
        method: 'POST',
        body: input,
      })
      if (answer.status !== 201) throw new Error(`invite failed: ${answer.status}`)
      return answer.body
    },
    async kill(instance) {
      instance.child.kill('SIGKILL')
      await instance.exited
    },
    async stop() {
      for (const instance of all) instance.child.kill('SIGKILL')
      await Promise.all(all.map((instance) => instance.exited))
      await redis.stop()
      for (const dir of dirs) await rm(dir, { recursive: true, force: true })
    },
  }
  return cluster
}
