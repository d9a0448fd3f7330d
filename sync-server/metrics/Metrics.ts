/**
 * What operators watch (GET /metrics, Prometheus text format): open proposals,
 * sockets, accepted edits, bytes written, refused frames by reason, and the
 * event-loop delay that every socket feels.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'

/** Seconds over which `edits_per_second` is averaged. */
const WINDOW = 10

export class Metrics {
  edits = 0
  bytesWritten = 0
  /** Changes of a document that no known path made (a fault; see `DocumentChanges`). */
  unexplainedChanges = 0
  readonly refused = new Map<string, number>()
  readonly #loopDelay: IntervalHistogram
  readonly #perSecond = new Array<number>(WINDOW).fill(0)
  #second = Math.floor(Date.now() / 1000)

  constructor() {
    this.#loopDelay = monitorEventLoopDelay({ resolution: 10 })
    this.#loopDelay.enable()
  }

  /** An update was accepted and `bytes` were written for it. */
  countEdit(bytes: number): void {
    this.edits++
    this.bytesWritten += bytes
    this.#roll()
    this.#perSecond[this.#second % WINDOW]!++
  }

  countUnexplainedChange(): void {
    this.unexplainedChanges++
  }

  countRefused(reason: string): void {
    this.refused.set(reason, (this.refused.get(reason) ?? 0) + 1)
  }

  #roll(): void {
    const second = Math.floor(Date.now() / 1000)
    for (let s = this.#second + 1; s <= second && s <= this.#second + WINDOW; s++)
      this.#perSecond[s % WINDOW] = 0
    this.#second = second
  }

  editsPerSecond(): number {
    this.#roll()
    const total =
      this.#perSecond.reduce((sum, n) => sum + n, 0) - this.#perSecond[this.#second % WINDOW]!
    return total / (WINDOW - 1)
  }

  /** The event-loop delay in milliseconds at a percentile. */
  loopDelayMs(percentile: number): number {
    return this.#loopDelay.percentile(percentile) / 1e6
  }

  render(gauges: { proposals: number; sockets: number }): string {
    const lines = [
      '# HELP meeschrijven_open_proposals Proposals loaded in memory.',
      '# TYPE meeschrijven_open_proposals gauge',
      `meeschrijven_open_proposals ${gauges.proposals}`,
      '# HELP meeschrijven_sockets Open sync sockets.',
      '# TYPE meeschrijven_sockets gauge',
      `meeschrijven_sockets ${gauges.sockets}`,
      '# HELP meeschrijven_edits_total Updates accepted and stored.',
      '# TYPE meeschrijven_edits_total counter',
      `meeschrijven_edits_total ${this.edits}`,
      '# HELP meeschrijven_edits_per_second Accepted updates per second over the last 10 s.',
      '# TYPE meeschrijven_edits_per_second gauge',
      `meeschrijven_edits_per_second ${this.editsPerSecond().toFixed(2)}`,
      '# HELP meeschrijven_bytes_written_total Bytes of updates written to storage.',
      '# TYPE meeschrijven_bytes_written_total counter',
      `meeschrijven_bytes_written_total ${this.bytesWritten}`,
      '# HELP meeschrijven_unexplained_changes_total Document changes no known path made (a fault).',
      '# TYPE meeschrijven_unexplained_changes_total counter',
      `meeschrijven_unexplained_changes_total ${this.unexplainedChanges}`,
      '# HELP meeschrijven_refused_total Frames and sockets refused, by reason.',
      '# TYPE meeschrijven_refused_total counter',
      ...[...this.refused].map(
        ([reason, count]) => `meeschrijven_refused_total{reason="${reason}"} ${count}`,
      ),
      '# HELP meeschrijven_event_loop_delay_seconds Event-loop delay since start.',
      '# TYPE meeschrijven_event_loop_delay_seconds gauge',
      ...[50, 99, 100].map(
        (p) =>
          `meeschrijven_event_loop_delay_seconds{quantile="${p === 100 ? '1' : p / 100}"} ${(this.loopDelayMs(p) / 1000).toFixed(6)}`,
      ),
      '',
    ]
    return lines.join('\n')
  }

  stop(): void {
    this.#loopDelay.disable()
  }
}
