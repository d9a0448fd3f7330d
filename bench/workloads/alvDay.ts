/**
 * The ALV day: one proposal read live by hundreds of members while a handful of editors
 * type with carets. 10 writers at 5 keystrokes/s each, out of step as people are; 300
 * readers, most of them light (just the sync protocol, no document) and a few full ones
 * (a Y.Doc and the provider as the editor runs it). Everyone publishes only their own
 * presence, as the editor does. Edit latency is measured at the readers.
 */
import { alternate } from '../lib/alternate.ts'
import { formatValue } from '../lib/format.ts'
import type { Context } from './context.ts'
import { judge, type Row, type Section } from './Section.ts'
import { describeRun, lostRow, medians } from './typing.ts'
import { runTyping, type TypingShape } from './typingRun.ts'

/** Readers with a document of their own among the readers of the ALV day. */
const FULL_READERS = 6

/** The ALV day's shape with `readers` readers in all. */
export function alvShape(ctx: Context, readers: number): TypingShape {
  const quick = ctx.options.quick
  return {
    rooms: 1,
    clientsPerRoom: 10,
    rate: 50,
    warmupS: quick ? 2 : 3,
    windowS: quick ? 6 : 10,
    carets: true,
    paragraphs: 10,
    chars: 200,
    readers: { light: readers - FULL_READERS, full: FULL_READERS },
    jitter: 0.8,
    editorAwareness: true,
  }
}

async function measureAlvDay(ctx: Context): Promise<Section> {
  const shape = alvShape(ctx, 300)
  const pairs = ctx.options.pairs ?? (ctx.options.quick ? 1 : 2)
  const records = await alternate(ctx, pairs, ctx.options.quick ? 0 : 1, async (spec) => {
    const server = await spec.start({
      env: spec.kind === 'meeschrijven' ? ctx.options.serverEnv : {},
    })
    try {
      const result = await runTyping(ctx, server, shape)
      ctx.log(
        `  ${spec.label}: reader p99 ${formatValue(result.readerP99Ms, 'ms')}, ` +
          `${result.readerFramesPerS.toFixed(1)} frames/s per light reader`,
      )
      return { result, discard: result.behind }
    } finally {
      await server.stop()
    }
  })
  const m = medians(ctx, records)
  const cpu = m.row('Server CPU per edit', (r) => r.serverCpuUsPerEdit, 'us')
  const p99 = m.row('Edit latency p99 at the readers', (r) => r.readerP99Ms, 'ms')
  const rows: Row[] = [
    { ...cpu, goal: '≤ ½ stock', met: judge(cpu.a, cpu.b, (a, b) => b <= a / 2) },
    m.row('Edit latency p50 at the readers', (r) => r.readerP50Ms, 'ms'),
    { ...p99, goal: '≤ stock', met: judge(p99.a, p99.b, (a, b) => b <= a) },
    m.row('Edit latency p99 at the writers and readers', (r) => r.latencyP99Ms, 'ms'),
    m.row('Caret latency p99 (writers and full readers)', (r) => r.caretP99Ms, 'ms'),
    lostRow(m.a, m.b),
    m.row('Frames per light reader per second', (r) => r.readerFramesPerS, 'number'),
    m.row('Bytes per light reader per second', (r) => r.readerBytesPerS, 'bytes'),
    m.row('Server CPU (share of one core)', (r) => r.serverCpuShare, 'share'),
    m.row('Server event-loop delay p99', (r) => r.serverLoop.p99Ms, 'ms'),
    m.row('Driver CPU (share of one core)', (r) => r.driverCpuShare, 'share'),
    m.row('Other processes on the machine (cores)', (r) => r.otherCpuShare, 'share'),
  ]
  const discarded = records.filter((r) => r.discarded).length
  const light = shape.readers!.light
  return {
    name: 'alv-day',
    title: 'The ALV day',
    description:
      `One proposal (a ${shape.paragraphs}-paragraph note), ${shape.clientsPerRoom} writers at ` +
      `${shape.rate / shape.clientsPerRoom} keystrokes/s each with a caret after every keystroke, each ` +
      `keystroke up to ±${(shape.jitter! * 50).toFixed(0)} % of the interval off its beat; ` +
      `${light + FULL_READERS} readers (reviewers where the server knows roles): ${light} light ones that speak ` +
      `just the sync protocol and time inserts from the clocks an update carries, ${FULL_READERS} with a ` +
      `Y.Doc and the provider as the editor runs it. Everyone publishes only their own presence, as the ` +
      `editor does. ${shape.warmupS} s warm-up, ${shape.windowS} s measured. Medians of ${m.a.length} ` +
      `stock and ${m.b.length} Meeschrijven runs.`,
    rows,
    notes: discarded ? [`${discarded} run(s) discarded (see the run log).`] : [],
    runs: records.map((record) => describeRun(record)),
  }
}

export const alvDay = { name: 'alv-day', run: measureAlvDay }

/** Reader counts tried in turn by the capacity workload. */
const READER_STEPS = [300, 600, 1000, 1500, 2000]
const CAPACITY_P99_MS = 100

/**
 * The most readers one instance serves on the ALV day with edit p99 at the readers under
 * 100 ms and nothing lost: one run per step and server, up to the first step that fails.
 */
async function measureCapacity(ctx: Context): Promise<Section> {
  const best: Array<number | undefined> = []
  const runs: string[] = []
  for (const spec of ctx.servers) {
    let served: number | undefined
    for (const readers of READER_STEPS) {
      await ctx.awaitQuiet()
      const server = await spec.start({
        env: spec.kind === 'meeschrijven' ? ctx.options.serverEnv : {},
      })
      let line: string
      let ok = false
      try {
        const result = await runTyping(ctx, server, alvShape(ctx, readers))
        ok = result.readerP99Ms < CAPACITY_P99_MS && result.lost === 0
        line =
          `${spec.label}, ${readers} readers: reader p99 ${formatValue(result.readerP99Ms, 'ms')}, ` +
          `lost ${result.lost}/${result.deliveries}, server ${formatValue(result.serverCpuShare, 'share')} of a core, ` +
          `drivers ${formatValue(result.driverCpuShare, 'share')}, others ${formatValue(result.otherCpuShare, 'share')}` +
          (result.behind ? ` (drivers behind: ${result.behind})` : '')
      } catch (error) {
        line = `${spec.label}, ${readers} readers: failed: ${error instanceof Error ? error.message : error}`
      } finally {
        await server.stop()
      }
      ctx.log(line)
      runs.push(line)
      if (!ok) break
      served = readers
    }
    best.push(served)
  }
  return {
    name: 'alv-capacity',
    title: 'The ALV day: readers per instance',
    description:
      `The ALV day with ${READER_STEPS.join(', ')} readers in turn, one run each, up to the first step ` +
      `where the edit p99 at the readers reaches ${CAPACITY_P99_MS} ms or a delivery is lost. The drivers ` +
      `share the machine's cores with the server: where they fall behind (see the runs), the limit is theirs.`,
    rows: [
      {
        metric: `Most readers with p99 < ${CAPACITY_P99_MS} ms, nothing lost`,
        a: best[0],
        b: best[1],
        unit: 'count',
        goal: '2,000 on 2 cores',
        met: best[1] === undefined ? false : best[1] >= 2000,
      },
    ],
    notes: [],
    runs,
  }
}

export const alvCapacity = { name: 'alv-capacity', run: measureCapacity }
