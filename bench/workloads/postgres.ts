/**
 * PostgreSQL: typing on PostgreSQL (DATABASE_URL) against typing on the embedded storage,
 * in one run, through `benchPostgres` of bench/postgres.ts (a server process per storage
 * and run, alternating; people typing into one proposal; PostgreSQL with fsync on).
 */

import { median } from '../lib/stats.ts'
import type { StorageResult } from '../postgres.ts'
import type { Context } from './context.ts'
import type { Row, Section } from './Section.ts'

const LABELS: [string, string] = ['embedded', 'PostgreSQL']

async function measurePostgres(ctx: Context): Promise<Section> {
  const quick = ctx.options.quick
  const options = {
    typists: 4,
    rate: 10,
    seconds: quick ? 5 : 10,
    rounds: ctx.options.pairs ?? (quick ? 1 : 2),
  }
  // loaded here: it brings the test helpers and pg, which no other workload needs
  const { benchPostgres } = await import('../postgres.ts')
  const { findPostgresBin } = await import('../../test/helpers/postgres.ts')
  const version = /postgresql\/(\d+)/.exec(findPostgresBin() ?? '')?.[1] ?? ''
  await ctx.awaitQuiet()
  const results = await benchPostgres(options)
  const of = (storage: StorageResult['storage']) => results.filter((r) => r.storage === storage)
  const [a, b] = [of('lowdb'), of('postgres')]
  const row = (metric: string, get: (r: StorageResult) => number, unit: Row['unit']): Row => ({
    metric,
    a: a.length ? median(a.map(get)) : undefined,
    b: b.length ? median(b.map(get)) : undefined,
    unit,
  })
  const commits = row('Commits per edit', (r) => r.commitsPerEdit, 'number')
  return {
    name: 'postgres',
    title: 'PostgreSQL',
    labels: LABELS,
    description:
      `${options.typists} people typing ${options.rate} keys/s each into one proposal for ${options.seconds} s, ` +
      `watched by one more client; a server process per storage and run, the two storages alternating ` +
      `(${options.rounds} run(s) each), PostgreSQL ${version} with fsync on. Latency runs from the keystroke in the ` +
      `typist's document to its arrival in the observer's (all clients in the harness process). ` +
      `CPU from /proc: the server process, and PostgreSQL's postmaster and its backends. Medians of ` +
      `${a.length} and ${b.length} runs.`,
    rows: [
      row('Edit latency p50', (r) => r.p50Ms, 'ms'),
      row('Edit latency p95', (r) => r.p95Ms, 'ms'),
      row('Edit latency p99', (r) => r.p99Ms, 'ms'),
      row('Server CPU per edit', (r) => r.serverCpuMs * 1000, 'us'),
      { ...row('PostgreSQL CPU per edit', (r) => r.databaseCpuMs * 1000, 'us'), a: undefined },
      row(
        'Server + PostgreSQL CPU per edit',
        (r) => (r.serverCpuMs + r.databaseCpuMs) * 1000,
        'us',
      ),
      { ...commits, a: undefined, metric: 'Commits per edit (group commit)' },
      row('Edits', (r) => r.edits, 'count'),
    ],
    notes: [
      'An edit is committed (a WAL fsync) before it is broadcast on PostgreSQL; the embedded storage ' +
        'writes it to the page cache and fsyncs within 50 ms for all proposals together.',
    ],
    runs: results.map(
      (r, i) =>
        `${r.storage === 'lowdb' ? LABELS[0] : LABELS[1]} (run ${Math.floor(i / 2) + 1}): ${r.edits} edits, ` +
        `p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ` +
        `server ${(r.serverCpuMs * 1000).toFixed(0)} µs/edit, PostgreSQL ${(r.databaseCpuMs * 1000).toFixed(0)} µs/edit, ` +
        `${r.commitsPerEdit.toFixed(2)} commits/edit`,
    ),
  }
}

export const postgres = { name: 'postgres', meeschrijvenOnly: true, run: measurePostgres }
