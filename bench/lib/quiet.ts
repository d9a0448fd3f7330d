/**
 * The machine is shared: other people's builds and tests can take a core or two for a
 * while. Before each run the harness waits until processes other than its own have been
 * using little CPU for a moment, so that fewer runs have to be discarded.
 */
import { sleep } from './clock.ts'
import { cpuTimeOfUs, machineBusyUs } from './proc.ts'

export interface QuietOptions {
  /** Cores that others may use and still count as quiet. @default 0.3 */
  threshold?: number
  /** How long it must stay quiet. @default 2000 */
  settleMs?: number
  /** Give up waiting after this long and run anyway. @default 90000 */
  maxWaitMs?: number
}

/**
 * Resolves once CPU use by processes outside `ownPids` stays under the threshold for
 * `settleMs`; returns how long it waited and the share others used in the last sample.
 */
export async function awaitQuiet(
  ownPids: () => number[],
  options: QuietOptions = {},
): Promise<{ waitedMs: number; others: number; quiet: boolean }> {
  const threshold = options.threshold ?? 0.3
  const settleMs = options.settleMs ?? 2000
  const maxWaitMs = options.maxWaitMs ?? 90_000
  const started = Date.now()
  let quietSince: number | undefined
  let others = 0
  for (;;) {
    const pids = ownPids()
    const machine0 = machineBusyUs()
    const own0 = cpuTimeOfUs(pids)
    await sleep(500)
    others = Math.max(0, machineBusyUs() - machine0 - (cpuTimeOfUs(pids) - own0)) / 500_000
    const now = Date.now()
    if (others <= threshold) {
      quietSince ??= now - 500
      if (now - quietSince >= settleMs) return { waitedMs: now - started, others, quiet: true }
    } else {
      quietSince = undefined
    }
    if (now - started >= maxWaitMs) return { waitedMs: now - started, others, quiet: false }
  }
}
