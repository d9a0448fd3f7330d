/**
 * What a workload needs from a server under test, whichever it is. The stock server, the
 * Meeschrijven server and a cluster of Meeschrijven instances each implement it (stock.ts,
 * meeschrijven.ts, meeschrijvenCluster.ts).
 */
import type { Endpoint } from '../drivers/client.ts'

export interface LoopDelay {
  p50Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
}

export interface MemoryUsage {
  rss: number
  heapUsed: number
  external: number
  arrayBuffers: number
  collected: boolean
}

/** A service the server stores in (PostgreSQL, Redis): its CPU is reported apart. */
export interface BackingService {
  /** Name in the report, e.g. `PostgreSQL`. */
  name: string
  /**
   * CPU its processes have used so far, µs, those that have exited included (a
   * database forks a backend per connection, and they come and go).
   */
  cpuUs(): number
}

export interface BenchServer {
  /** `stock` or `meeschrijven`. */
  readonly kind: ServerKind
  /** The server process (the first instance of a cluster), for /proc readings. */
  readonly pid: number
  /** Every process of the server (one per instance): their CPU together is the server's. */
  readonly pids: readonly number[]
  /** Services it stores in, whose CPU is measured apart from the server's. */
  readonly backing: readonly BackingService[]
  /** Where it keeps its data, when it keeps any. */
  readonly dataDir: string | undefined
  /** Creates `count` empty proposals (rooms) and returns their ids. */
  createProposals(count: number): Promise<string[]>
  /**
   * Endpoints for `count` writers of one proposal each: `proposals[i]` for writer i.
   * Each writer is a separate person where the server knows people.
   */
  writers(proposals: string[]): Promise<Endpoint[]>
  /**
   * Endpoints for readers (people who may read but not change the text), `proposals[i]`
   * for reader i. Where the server knows people, readers share at most a few tokens each
   * (the server caps sockets per person). Without it, workloads use `writers`.
   */
  readers?(proposals: string[]): Promise<Endpoint[]>
  /** Event-loop delay since the last `resetLoopDelay`, measured inside the server (the worst instance). */
  loopDelay(): Promise<LoopDelay>
  resetLoopDelay(): Promise<void>
  /** Memory in use after forced garbage collection, measured inside the server. */
  memory(): Promise<MemoryUsage>
  /** Stops the process (SIGTERM) and starts it again on the same data; ms until listening. */
  restart(): Promise<number>
  /** Stops the process and removes its data directory unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>
}

export type ServerKind = 'stock' | 'meeschrijven'

/** Options every server start accepts. */
export interface StartOptions {
  /** Extra environment for the server process (e.g. idle-unload intervals). */
  env?: Record<string, string>
  /** Reuse this data directory instead of a fresh one. */
  dataDir?: string
  /** Write a V8 CPU profile of the server into this folder when it exits (`--cpu-prof`). */
  profileDir?: string
}
