/**
 * What every workload gets from the harness: the options, the driver processes, and the
 * two servers it compares (A, the reference, and B, the server under test).
 */
import type { DriverPool } from '../drivers/DriverPool.ts'
import type { BenchServer, ServerKind, StartOptions } from '../servers/BenchServer.ts'

export interface ServerSpec {
  /** Name in the report, e.g. `stock` or `Meeschrijven`. */
  label: string
  kind: ServerKind
  start(options?: StartOptions): Promise<BenchServer>
}

export interface Options {
  only: string[] | undefined
  quick: boolean
  drivers: number
  /** A/B pairs measured per workload after the discarded warm-up pair. */
  pairs: number | undefined
  /** Keystrokes of the trace per update sent to the Meeschrijven server. */
  traceBatch: number
  /** Environment for the Meeschrijven server (e.g. its idle-unload interval), on top of a workload's own. */
  serverEnv: Record<string, string>
  /** How long the idle-unload wait of the memory workload lasts, ms. */
  idleWaitMs: number
  /** A driver is behind when its send lag p99 or maximum exceeds these, ms. */
  maxLagP99Ms: number
  maxLagMs: number
  /** Longest wait for other processes to leave the CPU before a run, ms (0: do not wait). */
  quietWaitMs: number
  /** Extra attempts when a run is discarded because a driver fell behind. */
  retries: number
  /** Write the results into docs/BENCHMARKS.md. */
  writeReport: boolean
  /** Servers write a V8 CPU profile here when they stop. */
  profileDir: string | undefined
}

export interface Context {
  options: Options
  pool: DriverPool
  /** [A, B]: the reference first. */
  servers: [ServerSpec, ServerSpec]
  log(message: string): void
  /** Waits until other processes leave the CPU mostly free (see lib/quiet.ts). */
  awaitQuiet(): Promise<void>
}
