/**
 * Versions: save, read and compare a 15,000-word proposal with a long history, through
 * `runVersionsBench` of bench/versions.ts (the real server in the harness process on the
 * embedded storage, four writers building the text through y-websocket clients; times on
 * the server). Goal: comparing under 200 ms, and a one-word edit found as one change.
 */
import type { Context } from './context.ts'
import type { Row, Section } from './Section.ts'

const LIMIT_MS = 200

async function measureVersions(ctx: Context): Promise<Section> {
  const quick = ctx.options.quick
  // loaded here: it brings the server itself into the harness process
  const { runVersionsBench } = await import('../versions.ts')
  await ctx.awaitQuiet()
  const options = { words: 15_000, edits: quick ? 5_000 : 20_000, runs: quick ? 5 : 20 }
  const started = Date.now()
  const r = await runVersionsBench(options)
  ctx.log(`versions: ${((Date.now() - started) / 1000).toFixed(0)} s`)
  const row = (metric: string, t: { median: number; p95: number }, extra: Partial<Row> = {}) => ({
    metric,
    a: t.median,
    b: t.p95,
    unit: 'ms' as const,
    ...extra,
  })
  const oneWord =
    r.oneWordChanges.length === 1 && r.oneWordChanges[0]!.text === 'eenmalig '
      ? 'one change, of that word (as it should)'
      : `${r.oneWordChanges.length} changes: ${JSON.stringify(r.oneWordChanges).slice(0, 200)}`
  return {
    name: 'versions',
    title: 'Versions',
    labels: ['median', 'p95'],
    ratio: false,
    description:
      `A proposal of ${r.words.toLocaleString('en-US')} words in ${r.blocks} blocks, built by four writers through ` +
      `y-websocket clients in ${r.updates.toLocaleString('en-US')} updates (typing, deleting, retyping passages, ` +
      `headings changed back and forth, which rebuilds blocks): Yjs state ${(r.stateBytes / 1024).toFixed(0)} KiB, ` +
      `authorship record ${(r.authorshipBytes / 1024).toFixed(0)} KiB. The real server runs in the harness process ` +
      `on the embedded storage; times are taken on the server, ${options.runs} runs each ("cold": a version ` +
      `service of its own per run, so the version is decoded from storage). Compared: the version saved 2,000 ` +
      `edits and one word ago with the current text.`,
    rows: [
      row('Save a version', r.save),
      row('Read a version (decoded from storage)', r.readCold),
      row('Read a version (decoded before)', r.readWarm),
      row('Compare a version with now (cold)', r.compareCold, {
        goal: `median < ${LIMIT_MS} ms`,
        met: r.compareCold.median < LIMIT_MS,
      }),
      row('Compare a version with now (warm)', r.compareWarm),
      row('Compare two versions 2,000 edits apart', r.compareVersions),
    ],
    notes: [
      `The one-word edit made last came back as ${oneWord}; the script's goal (compare under ${LIMIT_MS} ms ` +
        `and the word as one change) is ${r.goalMet ? 'met' : 'not met'}.`,
    ],
    runs: [],
  }
}

export const versions = { name: 'versions', meeschrijvenOnly: true, run: measureVersions }
