/**
 * Consultation rounds at the size of the VNG, through `runRoundsBench` of bench/rounds.ts
 * (the real server in the harness process on the embedded storage): 342 organisations
 * give a position on each of 60 passages, twice; 500 threads. Goals: the summary under
 * 200 ms, the memorandum under 2 s, on the server.
 */
import type { Timing } from '../lib/timing.ts'
import type { Context } from './context.ts'
import type { Row, Section } from './Section.ts'

async function measureRounds(ctx: Context): Promise<Section> {
  const quick = ctx.options.quick
  // loaded here: it brings the server itself into the harness process
  const { runRoundsBench } = await import('../rounds.ts')
  await ctx.awaitQuiet()
  const runs = quick ? 3 : 10
  const started = Date.now()
  const r = await runRoundsBench({ organisations: 342, passages: 60, threads: 500, runs })
  ctx.log(`rounds: ${((Date.now() - started) / 1000).toFixed(0)} s`)
  const row = (metric: string, t: Timing, extra: Partial<Row> = {}): Row => ({
    metric,
    a: t.median,
    b: t.p95,
    unit: 'ms',
    ...extra,
  })
  const under = (t: Timing, ms: number) => ({ goal: `p95 < ${ms} ms`, met: t.p95 < ms })
  const memo = { median: r.model.median + r.docx.median, p95: r.model.p95 + r.docx.p95 }
  return {
    name: 'rounds',
    title: 'Consultation rounds',
    labels: ['median', 'p95'],
    ratio: false,
    description:
      `A proposal of ${r.passages} passages (every tenth a heading 1, every fifth a heading 2) written through a ` +
      `y-websocket client and saved as a version; a round on it; ${r.organisations} organisations (reviewers ` +
      `across the twelve provinces) each give a position on every passage twice (the first stays in the history: ` +
      `${r.positions.toLocaleString('en-US')} positions, half of them with a reason); then ${r.threads} threads ` +
      `(one in five an amendment), each with a reply, half of them decided. The real server runs in the harness ` +
      `process on the embedded storage; times on the server, ${runs} runs each (${Math.min(runs, 5)} for the DOCX ` +
      `and the summary read from storage).`,
    rows: [
      row('Summary, positions counted in memory', r.summaryWarm, under(r.summaryWarm, 200)),
      row(
        'Summary, positions read from storage (after the proposal left memory)',
        r.summaryCold,
        under(r.summaryCold, 200),
      ),
      row('Summary over HTTP, JSON included', r.summaryHttp),
      row('One position over HTTP (appended and fsynced)', r.putHttp),
      row(`Memorandum model, ${r.threads} threads`, r.model),
      row('… rendered as Markdown', r.markdown),
      row('… rendered as HTML', r.html),
      row(`… rendered as DOCX (${(r.docxBytes / 1024).toFixed(0)} KiB)`, r.docx),
      row('Memorandum model + DOCX', memo, under(memo, 2000)),
      row('Memorandum as DOCX over HTTP', r.docxHttp, under(r.docxHttp, 2000)),
      row('… longest event-loop stall of the server meanwhile', r.docxHttpStall),
      row(`${r.burst.downloads} DOCX downloads at once, each`, r.burst.each),
      {
        metric: `… event-loop delay p99 meanwhile (a writer typing)`,
        a: r.burst.loopP99Ms,
        b: undefined,
        unit: 'ms',
        goal: '< 20 ms',
        met: r.burst.loopP99Ms < 20,
      },
      {
        metric: '… longest event-loop stall meanwhile',
        a: r.burst.loopMaxMs,
        b: undefined,
        unit: 'ms',
      },
      { metric: '… all done after', a: r.burst.totalMs, b: undefined, unit: 'ms' },
    ],
    notes: [
      `The ${r.burst.downloads} downloads at once were answered ` +
        Object.entries(r.burst.statuses)
          .map(([status, n]) => `${n}× ${status}`)
          .join(', ') +
        `; a writer typed ${r.burst.keystrokes} keystrokes meanwhile (the event loop is the server's: it runs ` +
        'in the harness process here).',
      `Storing the ${r.positions.toLocaleString('en-US')} positions one JSON line each took ` +
        `${r.storeSeconds.toFixed(1)} s (${((r.storeSeconds * 1000) / r.positions).toFixed(2)} ms per position).`,
    ],
    runs: [],
  }
}

export const rounds = { name: 'rounds', meeschrijvenOnly: true, run: measureRounds }
