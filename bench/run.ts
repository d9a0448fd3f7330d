/**
 * `npm run bench`: measures the Meeschrijven server against the stock y-websocket server
 * in one invocation and writes the results into docs/BENCHMARKS.md.
 * Options: see lib/options.ts (`npm run bench -- --only typing,cold-open --quick`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { DriverPool } from './drivers/DriverPool.ts'
import { describeMachine } from './lib/machine.ts'
import { parseOptions } from './lib/options.ts'
import { childPids } from './lib/proc.ts'
import { awaitQuiet } from './lib/quiet.ts'
import { type ReportHeader, writeReport } from './report.ts'
import type { ServerKind, StartOptions } from './servers/BenchServer.ts'
import { meeschrijvenExists, startMeeschrijven } from './servers/meeschrijven.ts'
import { startStock } from './servers/stock.ts'
import { alvCapacity, alvDay } from './workloads/alvDay.ts'
import { cluster } from './workloads/cluster.ts'
import { coldOpen } from './workloads/coldOpen.ts'
import type { Context, ServerSpec } from './workloads/context.ts'
import { editor } from './workloads/editor.ts'
import { memory } from './workloads/memory.ts'
import { persistence } from './workloads/persistence.ts'
import { postgres } from './workloads/postgres.ts'
import { rounds } from './workloads/rounds.ts'
import type { Section } from './workloads/Section.ts'
import { saturation } from './workloads/saturation.ts'
import { typing, typingCarets } from './workloads/typing.ts'
import { versions } from './workloads/versions.ts'

interface Workload {
  name: string
  /** Measures the Meeschrijven server alone (or against itself): skipped in a dry run. */
  meeschrijvenOnly?: boolean
  run(ctx: Context): Promise<Section>
}

// versions and rounds run the server inside the harness process: they come last
const WORKLOADS: Workload[] = [
  typing,
  typingCarets,
  alvDay,
  alvCapacity,
  saturation,
  coldOpen,
  memory,
  persistence,
  cluster,
  postgres,
  editor,
  versions,
  rounds,
]
/** Longest total wait for a quiet machine in one workload. */
const QUIET_BUDGET_MS = 60_000
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url))

function serverSpec(kind: ServerKind, label: string, profileDir?: string): ServerSpec {
  const start = kind === 'stock' ? startStock : startMeeschrijven
  return { kind, label, start: (options?: StartOptions) => start({ ...options, profileDir }) }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const options = parseOptions(args)
  const bKind = options.b ?? (meeschrijvenExists() ? 'meeschrijven' : 'stock')
  const same = options.a === bKind
  const name = (kind: ServerKind) => (kind === 'stock' ? 'stock' : 'Meeschrijven')
  const servers: [ServerSpec, ServerSpec] = [
    serverSpec(options.a, same ? `${name(options.a)} (A)` : name(options.a), options.profileDir),
    serverSpec(bKind, same ? `${name(bKind)} (B)` : name(bKind), options.profileDir),
  ]
  const unknown = options.only?.filter((only) => !WORKLOADS.some((w) => w.name === only)) ?? []
  if (unknown.length > 0) {
    throw new Error(
      `unknown workload ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => w.name).join(', ')}`,
    )
  }
  const selected = WORKLOADS.filter((w) => !options.only || options.only.includes(w.name))
  const started = Date.now()
  const log = (message: string): void => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4)
    console.log(`[bench ${seconds} s] ${message}`)
  }
  const header: ReportHeader = {
    date: new Date(),
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    machine: describeMachine(),
    labels: [servers[0].label, servers[1].label],
  }
  log(
    `A = ${servers[0].label}, B = ${servers[1].label}; workloads: ${selected.map((w) => w.name).join(', ')}`,
  )
  if (same) log('dry run: both sides are the same server')
  const pool = DriverPool.start(options.drivers)
  /** Time spent waiting for a quiet machine, per workload. */
  const waited = new Map<string, number>()
  let current = ''
  const ctx: Context = {
    options,
    pool,
    servers,
    log,
    async awaitQuiet() {
      // a bounded wait per workload, so the benchmark ends in time however busy the machine
      const budget = Math.min(options.quietWaitMs, QUIET_BUDGET_MS - (waited.get(current) ?? 0))
      if (budget <= 0) return
      const own = () => [process.pid, ...pool.pids, ...childPids()]
      const { waitedMs, others, quiet } = await awaitQuiet(own, { maxWaitMs: budget })
      waited.set(current, (waited.get(current) ?? 0) + waitedMs)
      if (!quiet) log(`other processes still use ${others.toFixed(2)} cores; running anyway`)
      else if (waitedMs > 5000) {
        log(`waited ${(waitedMs / 1000).toFixed(0)} s for other work to finish`)
      }
    },
  }
  const sections: Section[] = []
  mkdirSync(RESULTS, { recursive: true })
  const failed: string[] = []
  try {
    for (const workload of selected) {
      if (workload.meeschrijvenOnly && bKind !== 'meeschrijven') {
        log(`— ${workload.name}: skipped (it measures the Meeschrijven server, which B is not)`)
        continue
      }
      log(`— ${workload.name}`)
      current = workload.name
      const workloadStarted = Date.now()
      let section: Section
      try {
        section = await workload.run(ctx)
      } catch (error) {
        // one workload that cannot run (no PostgreSQL here, say) leaves the others' results
        failed.push(workload.name)
        log(
          `${workload.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
        )
        await pool.all({ op: 'reset' }).catch(() => {})
        continue
      }
      log(`${workload.name} took ${((Date.now() - workloadStarted) / 1000).toFixed(0)} s`)
      sections.push(section)
      const stamp = header.date.toISOString().replace(/[:.]/g, '-')
      // JSON Lines: one object per line, outside what the formatter checks
      writeFileSync(
        `${RESULTS}${stamp}-${workload.name}.jsonl`,
        `${JSON.stringify({ header, section })}\n`,
      )
      if (options.writeReport) writeReport([{ section, header }])
      for (const row of section.rows) {
        log(
          `  ${row.metric}: A ${row.a ?? '–'} / B ${row.b ?? '–'}${row.goal ? ` (goal ${row.goal}: ${row.met ?? '?'})` : ''}`,
        )
      }
    }
  } finally {
    pool.stop()
  }
  log(
    `done in ${((Date.now() - started) / 60_000).toFixed(1)} min${options.writeReport ? '; see docs/BENCHMARKS.md' : ''}`,
  )
  if (failed.length > 0) {
    log(`failed: ${failed.join(', ')} (their sections were left as they were)`)
    process.exitCode = 1
  }
}

// exit on signals so that the 'exit' handlers take the servers and drivers down too
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(130))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
