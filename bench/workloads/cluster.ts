/**
 * Cluster: the typing workload against one Meeschrijven instance and against three, both
 * on PostgreSQL and Redis (DATABASE_URL and REDIS_URL), in turns. Writers are handed out
 * over the instances in turn, so every proposal has writers on every instance and each
 * edit crosses Redis to reach most of its readers. On one machine three instances cannot
 * be faster than one; what this shows is what serving together costs per edit (all
 * instances' CPU together, and Redis' and PostgreSQL's apart) and whether every edit
 * still reaches everyone.
 */
import { startPostgres, type TestPostgres } from '../../test/helpers/postgres.ts'
import { startRedis } from '../../test/helpers/redis.ts'
import { alternate } from '../lib/alternate.ts'
import { formatValue } from '../lib/format.ts'
import { findDescendants, treeCpuTimeUs } from '../lib/proc.ts'
import type { BenchServer, StartOptions } from '../servers/BenchServer.ts'
import { startMeeschrijvenCluster } from '../servers/meeschrijvenCluster.ts'
import type { Context, ServerSpec } from './context.ts'
import { judge, type Row, type Section } from './Section.ts'
import { describeRun, lostRow, medians, typingShape } from './typing.ts'
import { runTyping, type TypingResult } from './typingRun.ts'

/** Cluster overhead per edit the product accepts: all instances' CPU ÷ one instance's. */
const MAX_OVERHEAD = 1.5
const LABELS: [string, string] = ['1 instance', '3 instances']

/**
 * One side of the comparison: a fresh database on the shared PostgreSQL and a fresh Redis
 * for every run, so no run inherits another's streams, limits or snapshots.
 */
function clusterSpec(
  label: string,
  instances: number,
  postgres: TestPostgres,
  profileDir: string | undefined,
): ServerSpec {
  return {
    label,
    kind: 'meeschrijven',
    async start(options: StartOptions = {}): Promise<BenchServer> {
      const redis = await startRedis()
      let redisPid: number | undefined
      try {
        const databaseUrl = await postgres.createDatabase()
        return await startMeeschrijvenCluster({
          ...options,
          profileDir,
          instances,
          databaseUrl,
          redisUrl: redis.url,
          backing: [
            {
              name: 'Redis',
              cpuUs: () => {
                redisPid ??= findDescendants('redis-server', String(redis.port))[0]
                return treeCpuTimeUs(redisPid)
              },
            },
            { name: 'PostgreSQL', cpuUs: () => treeCpuTimeUs(postgres.pid()) },
          ],
          release: () => redis.stop(),
        })
      } catch (error) {
        await redis.stop()
        throw error
      }
    },
  }
}

function describeClusterRun(record: Parameters<typeof describeRun>[0]): string {
  const r = record.result
  const line = describeRun(record)
  if (!r) return line
  const extra =
    `instances ${r.instanceCpuShares.map((share) => formatValue(share, 'share')).join(' + ')} of a core; ` +
    Object.entries(r.backingCpuUsPerEdit)
      .map(([name, us]) => `${name} ${formatValue(us, 'us')}/edit`)
      .join(', ')
  // after the numbers, before a verdict
  const cut = line.search(/ — DISCARDED| \(not counted\)$/)
  return cut < 0 ? `${line}; ${extra}` : `${line.slice(0, cut)}; ${extra}${line.slice(cut)}`
}

async function measureCluster(ctx: Context): Promise<Section> {
  const quick = ctx.options.quick
  const shape = typingShape(ctx, false)
  const pairs = ctx.options.pairs ?? (quick ? 1 : 2)
  // PostgreSQL with fsync on, as in production; Redis with appendonly (the helpers' default)
  const postgres = await startPostgres({ fsync: true })
  let records: Awaited<ReturnType<typeof alternate<TypingResult>>>
  const servers: [ServerSpec, ServerSpec] = [
    clusterSpec(LABELS[0], 1, postgres, ctx.options.profileDir),
    clusterSpec(LABELS[1], 3, postgres, ctx.options.profileDir),
  ]
  const clusterCtx: Context = { ...ctx, servers }
  try {
    records = await alternate(clusterCtx, pairs, quick ? 0 : 1, async (spec) => {
      const server = await spec.start({ env: ctx.options.serverEnv })
      try {
        const result = await runTyping(clusterCtx, server, shape)
        return { result, discard: result.behind }
      } finally {
        await server.stop()
      }
    })
  } finally {
    await postgres.stop()
  }
  const m = medians(clusterCtx, records)
  const backing = (name: string) => (r: TypingResult) => r.backingCpuUsPerEdit[name] ?? Number.NaN
  const cpu = m.row('Server CPU per edit (all instances)', (r) => r.serverCpuUsPerEdit, 'us')
  const rows: Row[] = [
    m.row('Edit latency p50', (r) => r.latencyP50Ms, 'ms'),
    m.row('Edit latency p99', (r) => r.latencyP99Ms, 'ms'),
    m.row('Edit latency p99.9', (r) => r.latencyP999Ms, 'ms'),
    lostRow(m.a, m.b),
    {
      ...cpu,
      goal: `≤ ${MAX_OVERHEAD}× one instance`,
      met: judge(cpu.a, cpu.b, (a, b) => b <= MAX_OVERHEAD * a),
    },
    m.row('Redis CPU per edit', backing('Redis'), 'us'),
    m.row('PostgreSQL CPU per edit', backing('PostgreSQL'), 'us'),
    m.row(
      'CPU per edit, instances + Redis + PostgreSQL',
      (r) =>
        r.serverCpuUsPerEdit + Object.values(r.backingCpuUsPerEdit).reduce((t, us) => t + us, 0),
      'us',
    ),
    m.row('Server CPU (share of one core, all instances)', (r) => r.serverCpuShare, 'share'),
    m.row('Event-loop delay p99 (busiest instance)', (r) => r.serverLoop.p99Ms, 'ms'),
    m.row('Driver send lag p99', (r) => r.sendLagP99Ms, 'ms'),
    m.row('Other processes on the machine (cores)', (r) => r.otherCpuShare, 'share'),
  ]
  const discarded = records.filter((r) => r.discarded).length
  return {
    name: 'cluster',
    title: 'Cluster',
    labels: LABELS,
    description:
      `The typing workload (${shape.rooms * shape.clientsPerRoom} writers in ${shape.rooms} proposals, ` +
      `${shape.rate} edits/s in all, ${shape.warmupS} s warm-up, ${shape.windowS} s measured) against one ` +
      `Meeschrijven instance and against three on this one machine, both with DATABASE_URL and REDIS_URL ` +
      `(PostgreSQL with fsync on, Redis with appendonly; a fresh database and a fresh Redis per run). ` +
      `Writers and API calls are handed to the instances in turn, so each proposal has writers on every ` +
      `instance. CPU per edit is all instances' together; Redis' and PostgreSQL's are measured apart. ` +
      `On one machine a cluster buys correctness, not speed: its throughput shows on several machines. ` +
      `Medians of ${m.a.length} and ${m.b.length} runs.`,
    rows,
    notes: discarded ? [`${discarded} run(s) discarded (see the run log).`] : [],
    runs: records.map((record) => describeClusterRun(record)),
  }
}

export const cluster = { name: 'cluster', meeschrijvenOnly: true, run: measureCluster }
