/**
 * Saturation: the typing workload at rising rates, A and B in turns at each rate, until
 * the edit latency p99 passes 50 ms or an edit is lost. A rate at which a driver fell
 * behind its schedule says nothing about the server: the ladder stops there for that
 * server and the report says the measurement, not the server, ran out.
 */
import type { RunRecord } from '../lib/alternate.ts'
import { formatValue } from '../lib/format.ts'
import type { Context, ServerSpec } from './context.ts'
import { judge, type Section } from './Section.ts'
import { describeRun, typingShape } from './typing.ts'
import { runTyping, type TypingResult } from './typingRun.ts'

const P99_LIMIT_MS = 50

interface Ladder {
  best: number | undefined
  /** Why the ladder ended: `server` (p99 or loss), `driver` (a driver fell behind), or `top`. */
  end: 'server' | 'driver' | 'top' | 'error'
  at: number | undefined
}

async function once(ctx: Context, spec: ServerSpec, rate: number): Promise<TypingResult> {
  const shape = {
    ...typingShape(ctx, false),
    rate,
    warmupS: ctx.options.quick ? 1 : 2,
    windowS: ctx.options.quick ? 3 : 5,
  }
  const server = await spec.start({
    env: spec.kind === 'meeschrijven' ? ctx.options.serverEnv : {},
  })
  try {
    return await runTyping(ctx, server, shape)
  } finally {
    await server.stop()
  }
}

async function measureSaturation(ctx: Context): Promise<Section> {
  const rates = ctx.options.quick
    ? [1000, 1600, 2500, 4000]
    : [1000, 1250, 1600, 2000, 2500, 3200, 4000, 5000, 6400, 8000]
  const ladders = new Map<string, Ladder>(
    ctx.servers.map((s) => [s.label, { best: undefined, end: 'top', at: undefined }]),
  )
  const records: Array<RunRecord<TypingResult>> = []
  const open = new Set(ctx.servers.map((s) => s.label))
  for (const [step, rate] of rates.entries()) {
    for (const spec of ctx.servers) {
      if (!open.has(spec.label)) continue
      const ladder = ladders.get(spec.label)!
      // retries at a failing rate: other work on the machine may have caused it
      for (let attempt = 0; attempt <= Math.min(2, ctx.options.retries); attempt++) {
        await ctx.awaitQuiet()
        const record: RunRecord<TypingResult> = {
          server: spec.label,
          round: step + 1,
          warmup: false,
        }
        records.push(record)
        try {
          const result = await once(ctx, spec, rate)
          record.result = result
          if (result.behind) {
            record.discarded = result.behind
          } else if (result.lost > 0 || !(result.latencyP99Ms <= P99_LIMIT_MS)) {
            record.discarded = `not sustained: p99 ${formatValue(result.latencyP99Ms, 'ms')}, ${result.lost} lost`
          }
        } catch (error) {
          record.discarded = `failed: ${error instanceof Error ? error.message : String(error)}`
        }
        ctx.log(
          `${spec.label} at ${rate}/s: ${record.discarded ?? `p99 ${formatValue(record.result?.latencyP99Ms, 'ms')}`}`,
        )
        if (!record.discarded) break
      }
      const last = records[records.length - 1]!
      if (!last.discarded) {
        ladder.best = rate
        continue
      }
      open.delete(spec.label)
      ladder.at = rate
      ladder.end = last.discarded.startsWith('failed')
        ? 'error'
        : last.result?.behind
          ? 'driver'
          : 'server'
    }
    if (open.size === 0) break
  }
  const [a, b] = ctx.servers.map((s) => ladders.get(s.label)!)
  const explain = (label: string, l: Ladder): string =>
    l.end === 'server'
      ? `${label}: highest sustained ${formatValue(l.best, 'rate')}; at ${formatValue(l.at, 'rate')} p99 passed ${P99_LIMIT_MS} ms or edits were lost.`
      : l.end === 'driver' && l.best === undefined
        ? `${label}: no rate could be measured; at ${formatValue(l.at, 'rate')} the drivers already fell behind their schedule (the machine was busy).`
        : l.end === 'driver'
          ? `${label}: sustained at least ${formatValue(l.best, 'rate')}; at ${formatValue(l.at, 'rate')} the drivers fell behind their schedule, so the server's limit lies higher than this machine can measure.`
          : l.end === 'error'
            ? `${label}: the run at ${formatValue(l.at, 'rate')} failed (see the run log).`
            : `${label}: sustained every rate tried, up to ${formatValue(l.best, 'rate')}.`
  return {
    name: 'saturation',
    title: 'Saturation',
    description:
      `The typing workload (200 writers, 20 proposals) at ${rates.join(', ')} edits/s, each rate ` +
      `${ctx.options.quick ? 3 : 5} s measured, A and B in turns, up to ${Math.min(2, ctx.options.retries)} retries at a failing rate; ` +
      `sustained means p99 ≤ ${P99_LIMIT_MS} ms, nothing lost, drivers on schedule.`,
    rows: [
      {
        metric: 'Highest sustained rate',
        a: a!.best,
        b: b!.best,
        unit: 'rate',
        goal: '≥ 2× stock',
        met:
          b!.end === 'driver' && (b!.best ?? 0) >= 2 * (a!.best ?? Number.POSITIVE_INFINITY)
            ? true
            : judge(a!.best, b!.best, (x, y) => y >= 2 * x),
      },
    ],
    notes: [explain(ctx.servers[0].label, a!), explain(ctx.servers[1].label, b!)],
    runs: records.map((record) => `${describeRun(record).replace(/ run (\d+)/, ' step $1')}`),
  }
}

export const saturation = { name: 'saturation', run: measureSaturation }
