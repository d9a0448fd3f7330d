/**
 * Preloaded into every benchmarked server process (`--import`), stock and Meeschrijven
 * alike, so both are measured the same way without the server's cooperation: it answers
 * the harness over the IPC channel with the event-loop delay and, after forcing garbage
 * collection (`--expose-gc`), the memory in use. It does nothing else and never keeps the
 * process alive.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'

interface ProbeRequest {
  probe: 'loop-reset' | 'loop' | 'memory'
  id: number
}

if (process.send) {
  const resolutionMs = 5
  // the histogram records tick-to-tick times; the delay is what exceeds the tick
  const delayMs = (ns: number): number => Math.max(0, ns / 1e6 - resolutionMs)
  const loop = monitorEventLoopDelay({ resolution: resolutionMs })
  loop.enable()
  const collect = globalThis.gc
  process.on('message', (message: ProbeRequest) => {
    if (!message || typeof message !== 'object' || !('probe' in message)) return
    let result: unknown = null
    if (message.probe === 'loop-reset') {
      loop.reset()
    } else if (message.probe === 'loop') {
      result = {
        p50Ms: delayMs(loop.percentile(50)),
        p99Ms: delayMs(loop.percentile(99)),
        maxMs: delayMs(loop.max),
        meanMs: delayMs(loop.mean),
      }
    } else if (message.probe === 'memory') {
      // twice: the first pass may only finalise what the second one frees
      collect?.()
      collect?.()
      const usage = process.memoryUsage()
      result = { ...usage, collected: collect !== undefined }
    }
    process.send?.({ probeReply: message.id, result })
  })
  // a 'message' listener refs the channel; the server alone decides when it exits
  process.channel?.unref()
}
