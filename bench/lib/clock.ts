/**
 * Time shared by every process of a run. `process.hrtime.bigint()` reads CLOCK_MONOTONIC,
 * which all processes on one Linux machine share, so a schedule written by the harness
 * means the same instant in every driver.
 */

/** Now, in nanoseconds on the shared monotonic clock, as a float (exact to ~0.1 µs). */
export function nowNs(): number {
  return Number(process.hrtime.bigint())
}

/** Resolves at `targetNs` on the shared clock (within about a millisecond). */
export function sleepUntil(targetNs: number): Promise<void> {
  return new Promise((resolve) => {
    const wait = (): void => {
      const left = targetNs - nowNs()
      if (left <= 0) resolve()
      else setTimeout(wait, Math.max(0, Math.floor(left / 1e6)))
    }
    wait()
  })
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; returns its last answer. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await sleep(everyMs)
  }
}
