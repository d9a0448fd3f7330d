/**
 * Runs a measurement against A and B in turns, A B A B, after a warm-up pair whose
 * results are kept in the log but never counted. Absolute times on a shared machine drift;
 * alternating spreads the drift over both sides, and the ratio within one invocation is
 * what counts.
 */
import type { Context, ServerSpec } from '../workloads/context.ts'

export interface RunRecord<T> {
  server: string
  /** 0 for the warm-up pair, then 1, 2, … */
  round: number
  warmup: boolean
  result?: T
  /** Why this run does not count (warm-up aside): a driver fell behind, or it failed. */
  discarded?: string
}

/**
 * `measure` returns a result and, when the run must not count, the reason. A discarded
 * run (not a failed one) is tried again right away, up to `ctx.options.retries` times per
 * workload, so that a burst of other work on the machine does not leave a side without
 * counted runs; every attempt stays in the log.
 */
export async function alternate<T>(
  ctx: Context,
  pairs: number,
  warmupPairs: number,
  measure: (server: ServerSpec, round: number) => Promise<{ result: T; discard?: string }>,
): Promise<Array<RunRecord<T>>> {
  const records: Array<RunRecord<T>> = []
  const retriesLeft = new Map(ctx.servers.map((server) => [server.label, ctx.options.retries]))
  for (let round = 1 - warmupPairs; round <= pairs; round++) {
    for (const server of ctx.servers) {
      const warmup = round <= 0
      for (;;) {
        await ctx.awaitQuiet()
        const record: RunRecord<T> = { server: server.label, round: Math.max(0, round), warmup }
        const tag = `${server.label} ${warmup ? 'warm-up' : `run ${round}/${pairs}`}`
        let failed = false
        try {
          const { result, discard } = await measure(server, round)
          record.result = result
          if (discard) record.discarded = discard
          ctx.log(`${tag}${discard ? ` — discarded: ${discard}` : ''}`)
        } catch (error) {
          failed = true
          record.discarded = `failed: ${error instanceof Error ? error.message : String(error)}`
          ctx.log(`${tag} — ${record.discarded}`)
        }
        records.push(record)
        const left = retriesLeft.get(server.label) ?? 0
        if (warmup || failed || !record.discarded || left === 0) break
        retriesLeft.set(server.label, left - 1)
      }
    }
  }
  return records
}

/** The results of `server` that count: not warm-up, not discarded. */
export function counted<T>(records: Array<RunRecord<T>>, server: string): T[] {
  return records
    .filter((r) => r.server === server && !r.warmup && !r.discarded && r.result !== undefined)
    .map((r) => r.result as T)
}
