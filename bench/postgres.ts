/**
 * Typing on PostgreSQL against typing on the embedded storage, in one run:
 * `node --import tsx bench/postgres.ts [--typists 4] [--rate 10] [--seconds 10] [--rounds 2]`,
 * or `benchPostgres()` from the bench entry. Each round starts a server process
 * per storage (alternating, so drift in the machine hits both), lets people
 * type into one proposal, and measures how long a keystroke takes to reach an
 * observer, and the CPU the server (and PostgreSQL's processes) spend per edit.
 * PostgreSQL runs with fsync on, as in production.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import * as Y from 'yjs'
import { connectClient } from '../test/helpers/clients.ts'
import { startPostgres, type TestPostgres } from '../test/helpers/postgres.ts'
import { startServerProcess } from '../test/helpers/serverProcess.ts'
import { appendBlock, textOfBlock } from '../test/helpers/ydoc.ts'
import { cpuTimeUs, treeCpuTimeUs } from './lib/proc.ts'

export interface PostgresBenchOptions {
  typists: number
  /** Keystrokes per second per typist. */
  rate: number
  seconds: number
  rounds: number
}

export interface StorageResult {
  storage: 'lowdb' | 'postgres'
  edits: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  /** CPU of the server process per edit. */
  serverCpuMs: number
  /** CPU of PostgreSQL's processes per edit (0 for lowdb). */
  databaseCpuMs: number
  /** Transactions committed per edit (group commit puts many edits in one); 0 for lowdb. */
  commitsPerEdit: number
}

/**
 * Log rows after `afterSeq` and the transactions that wrote them: rows written by
 * one commit share their `xmin`, so this counts commits exactly.
 */
async function logCommits(url: string | undefined, afterSeq: number) {
  if (!url) return { lastSeq: 0, rows: 0, commits: 0 }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query(
      `SELECT coalesce(max(seq), 0)::int AS "lastSeq", count(*)::int AS rows,
         count(DISTINCT xmin::text)::int AS commits FROM document_log WHERE seq > $1`,
      [afterSeq],
    )
    return rows[0] as { lastSeq: number; rows: number; commits: number }
  } finally {
    await client.end()
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

async function typingRun(
  storage: StorageResult['storage'],
  options: PostgresBenchOptions,
  cluster: TestPostgres,
): Promise<StorageResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-bench-pg-'))
  const adminToken = randomBytes(24).toString('base64url')
  const env: Record<string, string> = { DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, PORT: '0' }
  if (storage === 'postgres') env.DATABASE_URL = await cluster.createDatabase()
  const server = await startServerProcess(env)
  const invite = async () => {
    const answer = await fetch(`${server.url}/api/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Typist', role: 'writer', proposals: ['voorstel-1'] }),
    })
    return ((await answer.json()) as { token: string }).token
  }
  const wsUrl = server.url.replace('http', 'ws')
  const clients = await Promise.all(
    Array.from({ length: options.typists + 1 }, async () =>
      connectClient(wsUrl, 'voorstel-1', await invite()),
    ),
  )
  await Promise.all(clients.map((c) => c.synced()))
  const [observer, ...typists] = clients as [(typeof clients)[0], ...typeof clients]
  appendBlock(typists[0]!.doc, 'Begin.')
  // When each keystroke (client:clock) was typed, and how long it took to arrive.
  const typedAt = new Map<string, number>()
  const latencies: number[] = []
  observer.doc.on('update', (update: Uint8Array) => {
    for (const struct of Y.decodeUpdate(update).structs) {
      for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
        const at = typedAt.get(`${struct.id.client}:${clock}`)
        if (at !== undefined) latencies.push(performance.now() - at)
      }
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const logBefore = await logCommits(env.DATABASE_URL, 0)
  const cpuBefore = [cpuTimeUs(server.child.pid!) / 1000, treeCpuTimeUs(cluster.pid()) / 1000]
  let edits = 0
  const end = Date.now() + options.seconds * 1000
  await Promise.all(
    typists.map(async (typist) => {
      while (Date.now() < end) {
        const doc = typist.doc
        typedAt.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, performance.now())
        const text = textOfBlock(doc, 0)
        text.insert(text.length, 'x')
        edits++
        await new Promise((resolve) => setTimeout(resolve, 1000 / options.rate))
      }
    }),
  )
  await new Promise((resolve) => setTimeout(resolve, 500))
  const serverCpu = cpuTimeUs(server.child.pid!) / 1000 - cpuBefore[0]!
  const clusterCpu = treeCpuTimeUs(cluster.pid()) / 1000 - cpuBefore[1]!
  // Before the shutdown, whose compaction folds the log into a snapshot.
  const { commits } = await logCommits(env.DATABASE_URL, logBefore.lastSeq)
  for (const client of clients) client.destroy()
  server.child.kill('SIGTERM')
  await server.exited
  await rm(dataDir, { recursive: true, force: true })
  const sorted = latencies.sort((a, b) => a - b)
  return {
    storage,
    edits,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    serverCpuMs: serverCpu / edits,
    // Lowdb runs leave PostgreSQL idle; what it spends then is background noise.
    databaseCpuMs: storage === 'postgres' ? clusterCpu / edits : 0,
    commitsPerEdit: commits / edits,
  }
}

/** Runs both storages `rounds` times each, alternating; one result per run. */
export async function benchPostgres(
  options: PostgresBenchOptions = { typists: 4, rate: 10, seconds: 10, rounds: 2 },
): Promise<StorageResult[]> {
  const cluster = await startPostgres({ fsync: true })
  try {
    const results: StorageResult[] = []
    for (let round = 0; round < options.rounds; round++) {
      for (const storage of round % 2
        ? (['postgres', 'lowdb'] as const)
        : (['lowdb', 'postgres'] as const))
        results.push(await typingRun(storage, options, cluster))
    }
    return results
  } finally {
    await cluster.stop()
  }
}

/** A Markdown table of the results. */
export function formatResults(results: StorageResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.storage} | ${r.edits} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ` +
      `${r.serverCpuMs.toFixed(2)} | ${r.databaseCpuMs.toFixed(2)} | ${r.commitsPerEdit.toFixed(2)} |`,
  )
  return [
    '| storage | edits | p50 ms | p95 ms | p99 ms | server CPU ms/edit | PostgreSQL CPU ms/edit | commits/edit |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Each y-websocket client adds an exit listener; many typists are not a leak.
  process.setMaxListeners(0)
  const { values } = parseArgs({
    options: {
      typists: { type: 'string', default: '4' },
      rate: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
    },
  })
  const options = {
    typists: Number(values.typists),
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    rounds: Number(values.rounds),
  }
  console.log(formatResults(await benchPostgres(options)))
}
