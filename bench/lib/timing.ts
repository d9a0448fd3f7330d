/**
 * Timing work inside the harness process (the versions and rounds benchmarks run
 * the server there): runs of a task summarised as median and p95, waiting for a
 * condition, and the helpers their command lines share.
 */
import { performance } from 'node:perf_hooks'
import { percentile } from './stats.ts'

/** Milliseconds: median and 95th percentile of the runs. */
export interface Timing {
  median: number
  p95: number
}

/** Median and p95 (nearest rank) of samples in ms. */
export function timingOf(samples: readonly number[]): Timing {
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) }
}

/** Runs `work` `runs` times, one after another, and times each run. */
export async function timed(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  return timingOf(samples)
}

/** Resolves once `check` holds; throws after `timeoutMs` naming `what` it waited for. */
export async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** One line of a command-line table: label, median and p95. */
export function timingLine(label: string, t: Timing, width: number): string {
  return `${label.padEnd(width)} ${t.median.toFixed(1).padStart(8)} ms ${t.p95.toFixed(1).padStart(8)} ms`
}

/** The number after `--name` on the command line, if it is there. */
export function numberFlag(args: readonly string[], name: string): number | undefined {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? Number(args[at + 1]) : undefined
}
