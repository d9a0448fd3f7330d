/**
 * Typing, and typing with carets: 200 writers in 20 proposals, 1,000 edits a second in
 * all, each edit measured from its scheduled keystroke to every other writer of its room.
 * With carets every keystroke also sends an awareness update, as Tiptap's
 * CollaborationCaret does.
 */
import { alternate, counted, type RunRecord } from '../lib/alternate.ts'
import { formatValue } from '../lib/format.ts'
import { median } from '../lib/stats.ts'
import type { Context } from './context.ts'
import { judge, type Row, type Section } from './Section.ts'
import { runTyping, type TypingResult, type TypingShape } from './typingRun.ts'

export function typingShape(ctx: Context, carets: boolean): TypingShape {
  const quick = ctx.options.quick
  return {
    rooms: 20,
    clientsPerRoom: 10,
    rate: 1000,
    warmupS: quick ? 1 : 2,
    windowS: quick ? 4 : 8,
    carets,
    paragraphs: 10,
    chars: 200,
  }
}

/** One line of the run log. */
export function describeRun(record: RunRecord<TypingResult>): string {
  const r = record.result
  const head = `${record.server} ${record.warmup ? 'warm-up' : `run ${record.round}`}`
  if (!r) return `${head}: ${record.discarded}`
  const codes = Object.entries(r.closeCodes)
    .map(([code, n]) => `${n}× ${code}`)
    .join(', ')
  return (
    `${head}: ${formatValue(r.rate, 'rate')}, p50 ${formatValue(r.latencyP50Ms, 'ms')}, ` +
    `p99 ${formatValue(r.latencyP99Ms, 'ms')}, p99.9 ${formatValue(r.latencyP999Ms, 'ms')} ` +
    `(p99 from schedule ${formatValue(r.scheduledP99Ms, 'ms')})` +
    (Number.isFinite(r.caretP99Ms) ? `, caret p99 ${formatValue(r.caretP99Ms, 'ms')}` : '') +
    `, lost ${r.lost}/${r.deliveries}, server ${formatValue(r.serverCpuUsPerEdit, 'us')}/edit ` +
    `(${formatValue(r.serverCpuShare, 'share')} of a core), drivers ${formatValue(r.driverCpuShare, 'share')}, ` +
    `others ${formatValue(r.otherCpuShare, 'share')}, send lag p99 ${formatValue(r.sendLagP99Ms, 'ms')} ` +
    `max ${formatValue(r.sendLagMaxMs, 'ms')}` +
    (codes ? `, closes: ${codes}` : '') +
    (record.discarded ? ` — DISCARDED: ${record.discarded}` : record.warmup ? ' (not counted)' : '')
  )
}

/** Deliveries that never arrived, summed over the counted runs. */
export function lostRow(a: TypingResult[], b: TypingResult[]): Row {
  const sum = (runs: TypingResult[]) =>
    runs.length ? runs.reduce((total, r) => total + r.lost, 0) : undefined
  const lostB = sum(b)
  return {
    metric: 'Lost deliveries (all counted runs)',
    a: sum(a),
    b: lostB,
    unit: 'count',
    goal: '0',
    met: lostB === undefined ? undefined : lostB === 0,
  }
}

/** Medians of the counted runs of A and B. */
export function medians(ctx: Context, records: Array<RunRecord<TypingResult>>) {
  const [a, b] = ctx.servers.map((server) => counted(records, server.label)) as [
    TypingResult[],
    TypingResult[],
  ]
  const pick = (runs: TypingResult[], get: (r: TypingResult) => number): number | undefined =>
    runs.length ? median(runs.map(get)) : undefined
  return {
    a,
    b,
    row(
      metric: string,
      get: (r: TypingResult) => number,
      unit: Row['unit'],
      extra: Partial<Row> = {},
    ): Row {
      return { metric, a: pick(a, get), b: pick(b, get), unit, ...extra }
    },
  }
}

async function measureTyping(ctx: Context, carets: boolean): Promise<Section> {
  const shape = typingShape(ctx, carets)
  const pairs = ctx.options.pairs ?? (ctx.options.quick ? 1 : 3)
  const records = await alternate(ctx, pairs, ctx.options.quick ? 0 : 1, async (spec) => {
    const server = await spec.start({
      env: spec.kind === 'meeschrijven' ? ctx.options.serverEnv : {},
    })
    try {
      const result = await runTyping(ctx, server, shape)
      return { result, discard: result.behind }
    } finally {
      await server.stop()
    }
  })
  const m = medians(ctx, records)
  const p99 = m.row('Edit latency p99', (r) => r.latencyP99Ms, 'ms')
  const cpu = m.row('Server CPU per edit', (r) => r.serverCpuUsPerEdit, 'us')
  const rows: Row[] = [
    m.row('Edit latency p50', (r) => r.latencyP50Ms, 'ms'),
    // at this load both servers sit at the floor of what the kernel and the clients allow:
    // the goal is to do more (roles, log, authorship, checks) and be no worse for it
    { ...p99, goal: '≤ stock', met: judge(p99.a, p99.b, (a, b) => b <= a) },
    m.row('Edit latency p99.9', (r) => r.latencyP999Ms, 'ms'),
  ]
  if (carets) rows.push(m.row('Caret latency p99', (r) => r.caretP99Ms, 'ms'))
  const lost = lostRow(m.a, m.b)
  rows.push(
    lost,
    { ...cpu, goal: '≤ stock', met: judge(cpu.a, cpu.b, (a, b) => b <= a) },
    m.row('Server CPU (share of one core)', (r) => r.serverCpuShare, 'share'),
    m.row('Server event-loop delay p99', (r) => r.serverLoop.p99Ms, 'ms'),
    m.row('Data written per edit (data dir growth)', (r) => r.dataBytesPerEdit, 'bytes'),
    m.row('Storage writes per edit (/proc write_bytes)', (r) => r.storageBytesPerEdit, 'bytes'),
    m.row('Driver send lag p99', (r) => r.sendLagP99Ms, 'ms'),
    m.row('Other processes on the machine (cores)', (r) => r.otherCpuShare, 'share'),
  )
  const discarded = records.filter((r) => r.discarded).length
  return {
    name: carets ? 'typing-carets' : 'typing',
    title: carets ? 'Typing with carets' : 'Typing',
    description:
      `${shape.rooms * shape.clientsPerRoom} writers in ${shape.rooms} proposals (${shape.clientsPerRoom} each, ` +
      `each in its own paragraph of a ${shape.paragraphs}-paragraph note), ${shape.rate} edits/s in all ` +
      `(${shape.warmupS} s warm-up, ${shape.windowS} s measured)` +
      (carets ? ', an awareness caret after every keystroke' : '') +
      `. Latency runs from the moment a keystroke was sent to its arrival in the document of every other ` +
      `writer of the room (the run log also gives p99 from the scheduled moment, which adds the drivers' lag). ` +
      `Medians of ${m.a.length} stock and ${m.b.length} Meeschrijven runs.`,
    rows,
    notes: discarded ? [`${discarded} run(s) discarded (see the run log).`] : [],
    runs: records.map((record) => describeRun(record)),
  }
}

export const typing = { name: 'typing', run: (ctx: Context) => measureTyping(ctx, false) }
export const typingCarets = {
  name: 'typing-carets',
  run: (ctx: Context) => measureTyping(ctx, true),
}
