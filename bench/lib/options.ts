/**
 * Command line of `npm run bench -- …`:
 *   --only typing,cold-open   run only these workloads (names as in the report)
 *   --quick                   shorter windows, fewer runs: for iterating, not for the record
 *   --drivers N               driver processes (default 2)
 *   --pairs N                 measured A/B pairs per workload (after one discarded warm-up pair)
 *   --a stock --b meeschrijven  which servers to compare (`--b stock` for a dry run)
 *   --trace-batch N           keystrokes of the trace per update sent to the server
 *   --server-env K=V          environment for the Meeschrijven server (repeatable)
 *   --idle-wait MS            how long the memory workload waits for idle unload
 *                             (default: 5000 for Meeschrijven, which then runs with IDLE_UNLOAD_MS=2000)
 *   --max-lag-p99 MS, --max-lag MS   when a driver counts as behind its schedule
 *   --quiet-wait S            wait at most S seconds for other processes to go quiet (0: never)
 *   --retries N               extra attempts for a run discarded because a driver fell behind
 *   --no-report               do not touch docs/BENCHMARKS.md
 *   --cpu-prof DIR            servers write a V8 CPU profile into DIR when they stop
 *                             (summarise with `node --import tsx bench/profile.ts DIR/*.cpuprofile`)
 */
import { resolve } from 'node:path'
import type { ServerKind } from '../servers/BenchServer.ts'
import type { Options } from '../workloads/context.ts'

export interface ParsedOptions extends Options {
  a: ServerKind
  b: ServerKind | undefined
}

function kind(value: string | undefined, flag: string): ServerKind {
  if (value === 'stock' || value === 'meeschrijven') return value
  throw new Error(`${flag} takes stock or meeschrijven, not ${value}`)
}

export function parseOptions(argv: string[]): ParsedOptions {
  const options: ParsedOptions = {
    only: undefined,
    quick: false,
    drivers: 2,
    pairs: undefined,
    traceBatch: 0,
    serverEnv: {},
    idleWaitMs: 0,
    maxLagP99Ms: 20,
    maxLagMs: 100,
    retries: 2,
    quietWaitMs: 30_000,
    writeReport: true,
    profileDir: undefined,
    a: 'stock',
    b: undefined,
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const value = (): string => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} needs a value`)
      return next
    }
    const number = (): number => {
      const n = Number(value())
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number`)
      return n
    }
    switch (flag) {
      case '--only':
        options.only = value().split(',').filter(Boolean)
        break
      case '--quick':
        options.quick = true
        break
      case '--drivers':
        options.drivers = Math.max(2, Math.floor(number()))
        break
      case '--pairs':
        options.pairs = Math.max(1, Math.floor(number()))
        break
      case '--a':
        options.a = kind(value(), flag)
        break
      case '--b':
        options.b = kind(value(), flag)
        break
      case '--trace-batch':
        options.traceBatch = Math.max(1, Math.floor(number()))
        break
      case '--server-env': {
        const [key, ...rest] = value().split('=')
        options.serverEnv[key!] = rest.join('=')
        break
      }
      case '--idle-wait':
        options.idleWaitMs = number()
        break
      case '--max-lag-p99':
        options.maxLagP99Ms = number()
        break
      case '--max-lag':
        options.maxLagMs = number()
        break
      case '--quiet-wait':
        options.quietWaitMs = number() * 1000
        break
      case '--retries':
        options.retries = Math.floor(number())
        break
      case '--no-report':
        options.writeReport = false
        break
      case '--cpu-prof':
        options.profileDir = resolve(value())
        break
      default:
        throw new Error(`unknown option ${flag} (see bench/lib/options.ts)`)
    }
  }
  return options
}
