/**
 * Memory: what an open proposal (a short note; the whole trace) and a socket cost the
 * server, and what a proposal still costs after its last client left and the idle
 * timeout passed. Read inside the server after forced garbage collection (the probe), as
 * heap (JS heap + external buffers) and as resident memory.
 */
import { randomInt } from 'node:crypto'
import type { PushResult } from '../drivers/messages.ts'
import { alternate, counted } from '../lib/alternate.ts'
import { sleep } from '../lib/clock.ts'
import { formatValue } from '../lib/format.ts'
import { median } from '../lib/stats.ts'
import { traceFiles } from '../lib/trace.ts'
import type { BenchServer, MemoryUsage } from '../servers/BenchServer.ts'
import type { Context, ServerSpec } from './context.ts'
import { judge, type Row, type Section } from './Section.ts'

interface MemoryResult {
  heap: Record<string, number>
  rss: Record<string, number>
}

const heapOf = (m: MemoryUsage): number => m.heapUsed + m.external

/** Spreads `count` clients over the drivers and opens them in group `group`. */
async function open(
  ctx: Context,
  group: string,
  clients: Array<{ endpoint: import('../drivers/client.ts').Endpoint; clientId: number }>,
): Promise<void> {
  const drivers = ctx.pool.size
  await ctx.pool.each(
    Array.from({ length: drivers }, (_, d) => ({
      op: 'open' as const,
      group,
      clients: clients.filter((_, i) => i % drivers === d),
    })),
  )
}

/**
 * Meeschrijven unloads a proposal this long after its last client left (`IDLE_UNLOAD_MS`;
 * 30 s in production), so the "kept" readings need a short wait only.
 */
const SERVER_ENV = { IDLE_UNLOAD_MS: '2000' }
const IDLE_WAIT_MS = 5000

/** How long to wait for idle unload: `--idle-wait`, else 5 s for Meeschrijven and 1 s for stock. */
function idleWait(ctx: Context, spec: ServerSpec): number {
  return ctx.options.idleWaitMs || (spec.kind === 'stock' ? 1000 : IDLE_WAIT_MS)
}

async function measureOnce(ctx: Context, spec: ServerSpec): Promise<MemoryResult> {
  const quick = ctx.options.quick
  const notes = quick ? 30 : 100
  const sockets = quick ? 60 : 200
  const traces = quick ? 1 : 3
  const idleWaitMs = idleWait(ctx, spec)
  const server: BenchServer = await spec.start({
    env: spec.kind === 'meeschrijven' ? { ...SERVER_ENV, ...ctx.options.serverEnv } : {},
  })
  const id = () => randomInt(1, 2 ** 30)
  try {
    const proposals = await server.createProposals(2 * notes + traces)
    const warm = proposals.slice(0, notes)
    const small = proposals.slice(notes, 2 * notes)
    const big = proposals.slice(2 * notes)
    const seeders = await server.writers([...warm, ...small])
    const extra = await server.writers(Array.from({ length: sockets }, (_, i) => small[i % notes]!))
    const traceWriters = await server.writers([...big, ...big])
    const seed = (endpoint: (typeof seeders)[number], n: number) => ({
      endpoint,
      clientId: id(),
      paragraphs: 10,
      chars: 200,
      seed: n,
    })
    /** Seeds writers `from`…`to` of `seeders`, spread over the drivers. */
    const seedAll = (from: number, to: number) =>
      ctx.pool.each(
        Array.from({ length: ctx.pool.size }, (_, d) => ({
          op: 'seed' as const,
          seeds: seeders
            .slice(from, to)
            .map((endpoint, i) => seed(endpoint, from + i + 1))
            .filter((_, i) => i % ctx.pool.size === d),
        })),
      )
    // Warm-up: a whole batch of notes opened, written, left and unloaded before the
    // baseline, so the code V8 compiles for this work (over a megabyte, once per
    // process) is in the baseline and "kept" is what each proposal leaves behind.
    await seedAll(0, notes)
    await sleep(1000)
    await ctx.pool.all({ op: 'releaseSeeds' })
    await sleep(idleWaitMs)
    const m0 = await server.memory()
    await seedAll(notes, 2 * notes)
    await sleep(1000)
    const m1 = await server.memory()
    await open(
      ctx,
      'extra',
      extra.map((endpoint) => ({ endpoint, clientId: id() })),
    )
    await sleep(500)
    const m2 = await server.memory()
    await ctx.pool.all({ op: 'releaseSeeds' })
    await ctx.pool.all({ op: 'close', group: 'extra' })
    await sleep(idleWaitMs)
    const m3 = await server.memory()
    const files = traceFiles(ctx.options.traceBatch || 100)
    for (const [i, proposal] of big.entries()) {
      await ctx.pool.call<PushResult>(0, {
        op: 'push',
        endpoint: traceWriters[i]!,
        clientId: id(),
        updatesFile: spec.kind === 'stock' ? files.stateFile : files.updatesFile,
        timeoutMs: 10 * 60_000,
      })
      ctx.log(`${spec.label}: trace ${i + 1}/${big.length} in ${proposal}`)
    }
    await open(
      ctx,
      'trace',
      traceWriters.slice(big.length).map((endpoint) => ({ endpoint, clientId: id() })),
    )
    await sleep(500)
    const m4 = await server.memory()
    await ctx.pool.all({ op: 'close', group: 'trace' })
    await sleep(idleWaitMs)
    const m5 = await server.memory()
    const per = (get: (m: MemoryUsage) => number) => {
      const socket = (get(m2) - get(m1)) / sockets
      return {
        socket,
        note: (get(m1) - get(m0)) / notes - socket,
        trace: (get(m4) - get(m3)) / traces - socket,
        keptNote: (get(m3) - get(m0)) / notes,
        keptTrace: (get(m5) - get(m3)) / traces,
      }
    }
    return { heap: per(heapOf), rss: per((m) => m.rss) }
  } finally {
    await ctx.pool.all({ op: 'reset' })
    await server.stop()
  }
}

async function measureMemory(ctx: Context): Promise<Section> {
  const pairs = ctx.options.pairs ?? 1
  const records = await alternate<MemoryResult>(ctx, pairs, 0, async (spec) => ({
    result: await measureOnce(ctx, spec),
  }))
  const [a, b] = ctx.servers.map((s) => counted(records, s.label))
  const value = (runs: MemoryResult[] | undefined, kind: 'heap' | 'rss', key: string) =>
    runs?.length ? median(runs.map((r) => r[kind][key] ?? Number.NaN)) : undefined
  const row = (
    metric: string,
    kind: 'heap' | 'rss',
    key: string,
    extra: Partial<Row> = {},
  ): Row => ({
    metric,
    a: value(a, kind, key),
    b: value(b, kind, key),
    unit: 'bytes',
    ...extra,
  })
  const keptNote = row('Kept per idle proposal, note (heap)', 'heap', 'keptNote')
  return {
    name: 'memory',
    title: 'Memory',
    description:
      'Memory the server holds, read inside the server process after forced garbage collection. ' +
      '"Heap" is V8 heap in use plus external buffers; "resident" is the growth of the process RSS, which V8 ' +
      'rarely gives back, so it shows growth, not release. A note is a heading and 10 paragraphs (~2 KB of text); ' +
      'the trace is the editing trace of the cold-open workload. Before the baseline, a batch of as many notes ' +
      'as measured is opened, written, left and unloaded, so code compiled on the way is not counted per proposal. ' +
      '"Kept" is measured after every client left and ' +
      `the idle timeout passed (Meeschrijven with IDLE_UNLOAD_MS=${ctx.options.serverEnv.IDLE_UNLOAD_MS ?? SERVER_ENV.IDLE_UNLOAD_MS}, ` +
      `waited ${ctx.options.idleWaitMs || IDLE_WAIT_MS} ms; stock waited ${ctx.options.idleWaitMs || 1000} ms).`,
    rows: [
      row('Per open proposal, note (heap)', 'heap', 'note'),
      row('Per open proposal, note (resident)', 'rss', 'note'),
      row('Per open proposal, trace (heap)', 'heap', 'trace'),
      row('Per open proposal, trace (resident)', 'rss', 'trace'),
      row('Per socket (heap)', 'heap', 'socket'),
      row('Per socket (resident)', 'rss', 'socket'),
      { ...keptNote, goal: '< 10 KiB', met: judge(0, keptNote.b, (_x, y) => y < 10 * 1024) },
      row('Kept per idle proposal, trace (heap)', 'heap', 'keptTrace'),
    ],
    notes: [],
    runs: records.map((record) => {
      const r = record.result
      const head = `${record.server} run ${record.round}`
      if (!r) return `${head}: ${record.discarded}`
      const show = (m: Record<string, number>) =>
        Object.entries(m)
          .map(([key, n]) => `${key} ${formatValue(n, 'bytes')}`)
          .join(', ')
      return `${head}: heap ${show(r.heap)}; resident ${show(r.rss)}`
    }),
  }
}

export const memory = { name: 'memory', run: measureMemory }
