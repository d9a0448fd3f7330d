/**
 * Adapter for the project's own server (contract P2, P3, A1, A5, H2, S1): started as
 * `node --import tsx sync-server/main.ts` on a fresh DATA_DIR with a random ADMIN_TOKEN;
 * proposals and writer invites are made over the HTTP API, and every client is a writer
 * with its own token, as people are.
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

/** Starts the Meeschrijven server on a free port with authentication, roles and its log on. */
export async function startMeeschrijven(options: StartOptions = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'meeschrijven-bench-'))
  const adminToken = randomBytes(24).toString('hex')
  const process = new ServerProcess({
    script: SCRIPT,
    cwd: ROOT,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      NODE_ENV: 'production',
      ...options.env,
    },
    label: 'Meeschrijven server',
    startTimeoutMs: 120_000,
  })
  const removeData = (): void => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  // a harness stopped halfway leaves no data directories behind
  globalThis.process.once('exit', removeData)
  await process.start()

  /** One API call as the admin; waits out 429 answers (contract H5) instead of failing. */
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${process.url}${path}`, {
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

  /** Runs `task` over `items` with at most `limit` calls in flight. */
  async function inParallel<I, O>(items: I[], limit: number, task: (item: I) => Promise<O>) {
    const results: O[] = new Array(items.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const index = next++
        results[index] = await task(items[index]!)
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
    return results
  }

  const syncBase = (): string => `${process.url.replace(/^http/, 'ws')}/sync`
  return {
    kind: 'meeschrijven',
    get pid() {
      return process.pid
    },
    dataDir,
    async createProposals(count) {
      const created = await inParallel(
        Array.from({ length: count }, () => ++titles),
        8,
        (n) => api<{ id: string }>('POST', '/api/proposals', { title: `Bench ${n}` }),
      )
      return created.map((proposal) => proposal.id)
    },
    async writers(proposals): Promise<Endpoint[]> {
      return inParallel(
        proposals.map((id, i) => ({ id, i })),
        8,
        async ({ id, i }) => {
          const invite = await api<{ token: string }>('POST', '/api/invites', {
            name: `Schrijver ${i + 1}`,
            role: 'writer',
            proposals: [id],
          })
          return { serverUrl: syncBase(), room: id, params: { token: invite.token } }
        },
      )
    },
    loopDelay: () => process.loopDelay(),
    resetLoopDelay: () => process.resetLoopDelay(),
    memory: () => process.memory(),
    restart: () => process.restart(),
    async stop(stopOptions) {
      const exit = await process.stop()
      if (exit !== '0' && exit !== 'not running') {
        const tail = process.recentOutput().split('\n').slice(-5).join('\n  ')
        console.warn(
          `[bench] Meeschrijven server exited with ${exit} on SIGTERM (contract P5):\n  ${tail}`,
        )
      }
      globalThis.process.off('exit', removeData)
      if (!stopOptions?.keepData) removeData()
    },
  }
}
