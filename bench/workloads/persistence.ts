/**
 * Persistence: 100 proposals of about 200 kB each, two writers in each, 1,000 edits/s in
 * all. Bytes the server writes per edit (growth of its data directory, and what /proc
 * says it wrote to storage) and its event-loop delay meanwhile, read inside the server by
 * the probe (the hook to replace if the server ever reports it itself).
 */
import { alternate } from '../lib/alternate.ts'
import type { Context } from './context.ts'
import { judge, type Row, type Section } from './Section.ts'
import { describeRun, lostRow, medians } from './typing.ts'
import { runTyping, type TypingShape } from './typingRun.ts'

async function measurePersistence(ctx: Context): Promise<Section> {
  const quick = ctx.options.quick
  const shape: TypingShape = {
    rooms: 100,
    clientsPerRoom: 2,
    rate: 1000,
    warmupS: quick ? 1 : 2,
    windowS: quick ? 4 : 8,
    carets: false,
    // a heading and 1,000 paragraphs of 200 characters: about 200 kB of Yjs state
    paragraphs: 1000,
    chars: 200,
  }
  const pairs = ctx.options.pairs ?? (quick ? 1 : 2)
  const records = await alternate(ctx, pairs, 0, async (spec) => {
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
  const loop = m.row('Server event-loop delay p99', (r) => r.serverLoop.p99Ms, 'ms')
  const rows: Row[] = [
    m.row('Data written per edit (data dir growth)', (r) => r.dataBytesPerEdit, 'bytes'),
    m.row('Storage writes per edit (/proc write_bytes)', (r) => r.storageBytesPerEdit, 'bytes'),
    { ...loop, goal: '< 20 ms', met: judge(0, loop.b, (_a, b) => b < 20) },
    m.row('Server event-loop delay max', (r) => r.serverLoop.maxMs, 'ms'),
    m.row('Edit latency p99', (r) => r.latencyP99Ms, 'ms'),
    lostRow(m.a, m.b),
    m.row('Server CPU per edit', (r) => r.serverCpuUsPerEdit, 'us'),
    m.row('Server resident memory at the end', (r) => r.serverRssBytes, 'bytes'),
    m.row('Driver send lag p99', (r) => r.sendLagP99Ms, 'ms'),
    m.row('Other processes on the machine (cores)', (r) => r.otherCpuShare, 'share'),
  ]
  return {
    name: 'persistence',
    title: 'Persistence',
    description:
      `${shape.rooms} proposals, each a heading and ${shape.paragraphs} paragraphs of ${shape.chars} characters ` +
      `(about 200 kB), ${shape.clientsPerRoom} writers in each, ${shape.rate} edits/s in all ` +
      `(${shape.warmupS} s warm-up, ${shape.windowS} s measured). The stock server keeps nothing, so writes nothing. ` +
      `Medians of ${m.a.length} and ${m.b.length} runs.`,
    rows,
    notes: [],
    runs: records.map((record) => describeRun(record)),
  }
}

export const persistence = { name: 'persistence', run: measurePersistence }
