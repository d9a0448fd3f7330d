/**
 * Cold open: a proposal holding the whole editing trace, opened from disk after a restart
 * (Meeschrijven), against the stock server's warm join from memory and Meeschrijven's own
 * warm join. The trace reaches Meeschrijven as a writer typing it, `--trace-batch`
 * keystrokes per update, so its durable log holds what real typing would leave.
 */
import { randomInt } from 'node:crypto'
import type { Endpoint } from '../drivers/client.ts'
import type { JoinResult, PushResult } from '../drivers/messages.ts'
import { alternate, counted } from '../lib/alternate.ts'
import { formatValue } from '../lib/format.ts'
import { directoryBytes } from '../lib/proc.ts'
import { median } from '../lib/stats.ts'
import { traceFiles } from '../lib/trace.ts'
import type { BenchServer, LoopDelay } from '../servers/BenchServer.ts'
import type { Context, ServerSpec } from './context.ts'
import { judge, type Section } from './Section.ts'

interface ColdOpenResult {
  /** Stock: the join from memory. Meeschrijven: the first join after a restart. */
  first: JoinResult
  /** A second join while the proposal is in memory (Meeschrijven only). */
  warm?: JoinResult
  restartMs?: number
  loopAfterRestart?: LoopDelay
}

interface Prepared {
  server: BenchServer
  endpoints: Endpoint[]
  push: PushResult & { loop: LoopDelay; dataBytes: number; batch: number }
}

async function prepare(ctx: Context, spec: ServerSpec, batch: number): Promise<Prepared> {
  const server = await spec.start({
    env: spec.kind === 'meeschrijven' ? ctx.options.serverEnv : {},
  })
  const [proposal] = await server.createProposals(1)
  const endpoints = await server.writers([proposal!, proposal!])
  // the stock server keeps nothing on disk: it gets the final state in one update
  const useBatch = spec.kind === 'stock' ? 0 : batch
  const files = traceFiles(batch)
  await server.resetLoopDelay()
  const push = await ctx.pool.call<PushResult>(0, {
    op: 'push',
    endpoint: endpoints[0]!,
    clientId: randomInt(1, 2 ** 30),
    updatesFile: useBatch ? files.updatesFile : files.stateFile,
    timeoutMs: 15 * 60_000,
  })
  const loop = await server.loopDelay()
  const dataBytes = server.dataDir ? directoryBytes(server.dataDir) : 0
  ctx.log(
    `${spec.label}: trace in ${push.updates} updates, sent in ${push.sendMs} ms, confirmed after ${push.confirmMs} ms`,
  )
  return { server, endpoints, push: { ...push, loop, dataBytes, batch: useBatch } }
}

async function join(ctx: Context, endpoint: Endpoint, stateVector: string): Promise<JoinResult> {
  return ctx.pool.call<JoinResult>(1, {
    op: 'join',
    endpoint,
    clientId: randomInt(1, 2 ** 30),
    stateVector,
    timeoutMs: 120_000,
  })
}

async function measureColdOpen(ctx: Context): Promise<Section> {
  const quick = ctx.options.quick
  const batch = ctx.options.traceBatch || (quick ? 100 : 10)
  const files = traceFiles(batch || 1)
  const prepared = new Map<string, Prepared>()
  const pairs = ctx.options.pairs ?? (quick ? 2 : 5)
  let records: Awaited<ReturnType<typeof alternate<ColdOpenResult>>>
  try {
    records = await alternate<ColdOpenResult>(ctx, pairs, quick ? 0 : 1, async (spec) => {
      let ready = prepared.get(spec.label)
      if (!ready) {
        ready = await prepare(ctx, spec, batch)
        prepared.set(spec.label, ready)
      }
      const { server, endpoints } = ready
      if (spec.kind === 'stock') {
        return { result: { first: await join(ctx, endpoints[1]!, files.stateVector) } }
      }
      const restartMs = await server.restart()
      await server.resetLoopDelay()
      const first = await join(ctx, endpoints[1]!, files.stateVector)
      const loopAfterRestart = await server.loopDelay()
      const warm = await join(ctx, endpoints[1]!, files.stateVector)
      return { result: { first, warm, restartMs, loopAfterRestart } }
    })
  } finally {
    for (const { server } of prepared.values()) await server.stop()
  }
  const [a, b] = ctx.servers.map((s) => counted(records, s.label))
  const med = (
    runs: ColdOpenResult[] | undefined,
    get: (r: ColdOpenResult) => number | undefined,
  ) => (runs?.length ? median(runs.map((r) => get(r) ?? Number.NaN)) : undefined)
  const [specA, specB] = ctx.servers
  const coldOf = (spec: ServerSpec, runs: ColdOpenResult[] | undefined) =>
    spec.kind === 'stock' ? undefined : med(runs, (r) => r.first.fullMs)
  const warmOf = (spec: ServerSpec, runs: ColdOpenResult[] | undefined) =>
    med(runs, (r) => (spec.kind === 'stock' ? r.first.fullMs : r.warm?.fullMs))
  const stockWarm = warmOf(specA, a)
  const coldB = coldOf(specB, b)
  const pushB = prepared.get(specB.label)?.push
  return {
    name: 'cold-open',
    title: 'Cold open',
    description:
      `The editing trace (${files.keystrokes.toLocaleString('en-US')} keystrokes, ${formatValue(files.stateBytes, 'bytes')} of ` +
      `Yjs state as Tiptap paragraphs) in one proposal. Time from creating the socket until the client holds ` +
      `the full state. Meeschrijven received the trace as ${pushB ? pushB.updates.toLocaleString('en-US') : '?'} updates ` +
      `(${batch} keystrokes each) and is restarted (SIGTERM, start on the same data) before every cold open; ` +
      `the stock server holds it in memory. Medians of ${a?.length ?? 0} and ${b?.length ?? 0} runs.`,
    rows: [
      { metric: 'Warm join (proposal in memory)', a: stockWarm, b: warmOf(specB, b), unit: 'ms' },
      {
        metric: 'Open after restart (from disk) vs stock warm join',
        a: stockWarm,
        b: coldB,
        unit: 'ms',
        goal: '≤ 2× stock warm join',
        met: judge(stockWarm, coldB, (x, y) => y <= 2 * x),
      },
      {
        metric: 'Restart until listening',
        a: undefined,
        b: med(b, (r) => r.restartMs),
        unit: 'ms',
      },
      {
        metric: 'Server event-loop max during the first open',
        a: undefined,
        b: med(b, (r) => r.loopAfterRestart?.maxMs),
        unit: 'ms',
      },
      {
        metric: 'Server event-loop max while the trace was typed in (compactions included)',
        a: undefined,
        b: pushB?.loop.maxMs,
        unit: 'ms',
        goal: 'compaction < 50 ms',
        met: pushB ? pushB.loop.maxMs < 50 : undefined,
      },
      {
        metric: 'Trace ingest (updates/s)',
        a: undefined,
        b: pushB ? pushB.updates / (pushB.confirmMs / 1000) : undefined,
        unit: 'rate',
      },
      { metric: 'Data dir after the trace', a: undefined, b: pushB?.dataBytes, unit: 'bytes' },
    ],
    notes: [
      'Compaction time is not visible from outside the server; the longest event-loop stall while the trace ' +
        'was typed in bounds it from above when compaction runs on the event loop.',
    ],
    runs: records.map((record) => {
      const r = record.result
      const head = `${record.server} ${record.warmup ? 'warm-up' : `run ${record.round}`}`
      if (!r) return `${head}: ${record.discarded}`
      const j = (x: JoinResult) =>
        `open ${formatValue(x.openMs, 'ms')}, synced ${formatValue(x.syncedMs, 'ms')}, full ${formatValue(x.fullMs, 'ms')} (${formatValue(x.bytes, 'bytes')})`
      return (
        `${head}: ${r.warm ? `restart ${formatValue(r.restartMs, 'ms')}; cold ${j(r.first)}; warm ${j(r.warm)}` : `warm ${j(r.first)}`}` +
        (record.discarded
          ? ` — DISCARDED: ${record.discarded}`
          : record.warmup
            ? ' (not counted)'
            : '')
      )
    }),
  }
}

export const coldOpen = { name: 'cold-open', run: measureColdOpen }
