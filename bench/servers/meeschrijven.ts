/**
 * Adapter for the project's own server (contract P2, P3, A1, A5, H2, S1): started as
 * `node --import tsx sync-server/main.ts` on a fresh DATA_DIR with a random ADMIN_TOKEN;
 * proposals and writer invites are made over the HTTP API, and every client is a writer
 * with its own token, as people are. The instance and API helpers here serve the cluster
 * adapter (meeschrijvenCluster.ts) as well.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Endpoint } from '../drivers/client.ts'
import { sleep } from '../lib/clock.ts'
import type { BenchServer, StartOptions } from './BenchServer.ts'
import { ServerProcess } from './ServerProcess.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, 'sync-server', 'main.ts')
let titles = 0

/** True when the project's server exists in this checkout. */
export function meeschrijvenExists(): boolean {
  return existsSync(SCRIPT)
}

/** One server process on its own data directory (removed at `stop` unless kept). */
export interface Instance {
  readonly process: ServerProcess
  readonly dataDir: string
  stop(options?: { keepData?: boolean }): Promise<void>
}

/** Starts one server process on a free port; `env` comes on top of the defaults. */
export async function startInstance(options: {
  adminToken: string
  env: Record<string, string>
  dataDir?: string
  profileDir?: string
  label: string
}): Promise<Instance> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'meeschrijven-bench-'))
  const process = new ServerProcess({
    script: SCRIPT,
    cwd: ROOT,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: options.adminToken,
      NODE_ENV: 'production',
      ...options.env,
    },
    label: options.label,
    startTimeoutMs: 120_000,
    profileDir: options.profileDir,
  })
  const removeData = (): void => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  // a harness stopped halfway leaves no data directories behind
  globalThis.process.once('exit', removeData)
  try {
    await process.start()
  } catch (error) {
    globalThis.process.off('exit', removeData)
    removeData()
    throw error
  }
  return {
    process,
    dataDir,
    async stop(stopOptions) {
      const exit = await process.stop()
      if (exit !== '0' && exit !== 'not running') {
        const tail = process.recentOutput().split('\n').slice(-5).join('\n  ')
        console.warn(
          `[bench] ${options.label} exited with ${exit} on SIGTERM (contract P5):\n  ${tail}`,
        )
      }
      globalThis.process.off('exit', removeData)
      if (!stopOptions?.keepData) removeData()
    },
  }
}

/** API calls as the admin against `url()`; waits out 429 answers (contract H5) instead of failing. */
export function adminApi(url: () => string, adminToken: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${url()}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (response.status === 429 && attempt < 100) {
        const retryAfter = Number(response.headers.get('retry-after') ?? '1')
        await sleep(Math.max(0.05, Math.min(retryAfter, 30)) * 1000)
        continue
      }
      const text = await response.text()
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`)
      return JSON.parse(text) as T
    }
  }
}

/** Runs `task` over `items` with at most `limit` calls in flight. */
export async function inParallel<I, O>(
  items: I[],
  limit: number,
  task: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results: O[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** Creates `count` proposals titled `Bench n` through `api`. */
export async function createBenchProposals(
  api: ReturnType<typeof adminApi>,
  count: number,
): Promise<string[]> {
  const created = await inParallel(
    Array.from({ length: count }, () => ++titles),
    8,
    (n) => api<{ id: string }>('POST', '/api/proposals', { title: `Bench ${n}` }),
  )
  return created.map((proposal) => proposal.id)
}

/** A writer invite for one proposal: its token. */
export async function inviteWriter(
  api: ReturnType<typeof adminApi>,
  proposal: string,
  n: number,
): Promise<string> {
  const invite = await api<{ token: string }>('POST', '/api/invites', {
    name: `Schrijver ${n}`,
    role: 'writer',
    proposals: [proposal],
  })
  return invite.token
}

/** Readers' tokens made per proposal at most; beyond that readers share them (≤ 40 sockets each). */
const READER_TOKENS = 300

/** Reviewer (lid) endpoints for `proposals[i]`, one person per reader up to READER_TOKENS per proposal. */
export async function reviewerEndpoints(
  api: ReturnType<typeof adminApi>,
  serverUrl: string,
  proposals: string[],
): Promise<Endpoint[]> {
  const tokens = new Map<string, string[]>()
  const wanted = new Map<string, number>()
  for (const id of proposals) wanted.set(id, Math.min(READER_TOKENS, (wanted.get(id) ?? 0) + 1))
  await Promise.all(
    [...wanted].map(async ([id, count]) => {
      const made = await inParallel(
        Array.from({ length: count }, (_, n) => n + 1),
        8,
        async (n) =>
          (
            await api<{ token: string }>('POST', '/api/invites', {
              name: `Lezer ${n}`,
              role: 'reviewer',
              proposals: [id],
            })
          ).token,
      )
      tokens.set(id, made)
    }),
  )
  const used = new Map<string, number>()
  return proposals.map((id) => {
    const n = used.get(id) ?? 0
    used.set(id, n + 1)
    const own = tokens.get(id)!
    return { serverUrl, room: id, params: { token: own[n % own.length]! } }
  })
}

/** The sync endpoint of a server listening on `url` (http://…). */
export function syncBase(url: string): string {
  return `${url.replace(/^http/, 'ws')}/sync`
}

/** Starts the Meeschrijven server on a free port with authentication, roles and its log on. */
export async function startMeeschrijven(options: StartOptions = {}): Promise<BenchServer> {
  const adminToken = randomBytes(24).toString('hex')
  const instance = await startInstance({
    adminToken,
    env: options.env ?? {},
    dataDir: options.dataDir,
    profileDir: options.profileDir,
    label: 'Meeschrijven server',
  })
  const { process } = instance
  const api = adminApi(() => process.url, adminToken)
  return {
    kind: 'meeschrijven',
    get pid() {
      return process.pid
    },
    get pids() {
      return [process.pid]
    },
    backing: [],
    dataDir: instance.dataDir,
    createProposals: (count) => createBenchProposals(api, count),
    async writers(proposals): Promise<Endpoint[]> {
      return inParallel(proposals, 8, async (id, i) => ({
        serverUrl: syncBase(process.url),
        room: id,
        params: { token: await inviteWriter(api, id, i + 1) },
      }))
    },
    readers: (proposals) => reviewerEndpoints(api, syncBase(process.url), proposals),
    loopDelay: () => process.loopDelay(),
    resetLoopDelay: () => process.resetLoopDelay(),
    memory: () => process.memory(),
    restart: () => process.restart(),
    stop: (stopOptions) => instance.stop(stopOptions),
  }
}
