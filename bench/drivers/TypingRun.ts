/**
 * One measured run inside a driver: fires this driver's edits on the shared schedule,
 * notes when each one was actually sent, and when the edits of the others in each
 * typist's room arrive. Latency is arrival minus actual send; the lag of the send
 * behind its schedule is measured apart and decides whether the run counts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { nowNs, sleepUntil } from '../lib/clock.ts'
import { Histogram } from '../lib/Histogram.ts'
import { createEditPlan, type EditPlan } from '../lib/plan.ts'
import type { DriverRunResult, Schedule, SentTimes } from './messages.ts'
import type { DeliverySink, Typist } from './Typist.ts'

const LOOP_RESOLUTION_MS = 5

/** The histogram counts from one timer tick to the next: the delay is what exceeds the tick. */
function delayMs(ns: number): number {
  return Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS)
}

function countCodes(codes: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1
  return counts
}

/** Per receiver, per sender: when each edit (or caret) arrived, NaN while it has not. */
type Arrivals = Map<Typist, Map<number, Float64Array>>

export class TypingRun implements DeliverySink {
  private readonly plans = new Map<number, EditPlan>()
  private readonly membersOf = new Map<number, number[]>()
  private readonly edits: Arrivals = new Map()
  private readonly carets: Arrivals = new Map()
  /** Actual send time of every edit of this driver's typists. */
  private readonly sentAt = new Map<number, Float64Array>()
  private readonly sendLag = new Histogram()
  private received = 0
  private sent = 0
  private sentOffline = 0
  private done: Promise<void> | undefined
  private stopped = false
  private cpuUs = 0
  private readonly loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })

  constructor(
    private readonly schedule: Schedule,
    private readonly typists: Typist[],
  ) {
    schedule.roomOf.forEach((room, client) => {
      const members = this.membersOf.get(room) ?? []
      members.push(client)
      this.membersOf.set(room, members)
    })
    for (const typist of typists) {
      // a receiver needs the plans of everybody in its room, wherever they are driven
      const fromEach = () =>
        new Map(
          (this.membersOf.get(typist.spec.room) ?? [])
            .filter((member) => member !== typist.spec.client)
            .map((member) => {
              this.planOf(member)
              return [member, new Float64Array(schedule.edits).fill(Number.NaN)] as const
            }),
        )
      this.edits.set(typist, fromEach())
      this.carets.set(typist, fromEach())
      this.sentAt.set(typist.spec.client, new Float64Array(schedule.edits).fill(Number.NaN))
    }
    typists.sort((a, b) => a.spec.client - b.spec.client)
  }

  planOf(client: number): EditPlan | undefined {
    if (client < 0 || client >= this.schedule.clients) return undefined
    let plan = this.plans.get(client)
    if (!plan) {
      plan = createEditPlan(this.schedule.seed, client, this.schedule.edits)
      this.plans.set(client, plan)
    }
    return plan
  }

  clientOf(clientId: number): number {
    const client = clientId - this.schedule.clientIdBase
    return client >= 0 && client < this.schedule.clients ? client : -1
  }

  /** When edit `edit` of `client` is due, ns on the shared clock. */
  private due(client: number, edit: number): number {
    const { t0, intervalNs, clients } = this.schedule
    return t0 + (client * intervalNs) / clients + edit * intervalNs
  }

  private inWindow(at: number): boolean {
    return at >= this.schedule.windowStart && at < this.schedule.windowEnd
  }

  onEdit(receiver: Typist, client: number, edit: number, atNs: number): void {
    const arrivals = this.edits.get(receiver)?.get(client)
    if (!arrivals || !Number.isNaN(arrivals[edit]!)) return
    arrivals[edit] = atNs
    this.received++
  }

  onCaret(receiver: Typist, client: number, clock: number, atNs: number): void {
    if (!this.schedule.carets) return
    // the caret of edit k carries awareness clock base + 1 + k
    const edit = clock - (this.schedule.awarenessBase[client] ?? 0) - 1
    const arrivals = this.carets.get(receiver)?.get(client)
    if (!arrivals || edit < 0 || edit >= arrivals.length) return
    if (Number.isNaN(arrivals[edit]!)) arrivals[edit] = atNs
  }

  /** Starts firing edits on schedule. */
  start(): void {
    for (const typist of this.typists) typist.listen(this)
    this.done = Promise.all([this.fireAll(), this.watchWindow()]).then(() => undefined)
  }

  private fireAll(): Promise<void> {
    const { edits, carets } = this.schedule
    const count = this.typists.length
    const total = count * edits
    let n = 0
    return new Promise((resolve) => {
      const tick = (): void => {
        if (this.stopped) {
          resolve()
          return
        }
        let now = nowNs()
        while (n < total) {
          const typist = this.typists[n % count]!
          const edit = Math.floor(n / count)
          const due = this.due(typist.spec.client, edit)
          if (due > now) break
          const online = typist.type(this.planOf(typist.spec.client)!, edit, carets)
          now = nowNs()
          this.sentAt.get(typist.spec.client)![edit] = now
          if (this.inWindow(due)) this.sendLag.record((now - due) / 1000)
          this.sent++
          if (!online) this.sentOffline++
          n++
        }
        if (n >= total) {
          resolve()
          return
        }
        const next = this.typists[n % count]!
        const wait = this.due(next.spec.client, Math.floor(n / count)) - nowNs()
        setTimeout(tick, Math.max(0, Math.floor(wait / 1e6)))
      }
      tick()
    })
  }

  /** Stops sending (a run abandoned halfway); the clients are the caller's to close. */
  stop(): void {
    this.stopped = true
    for (const typist of this.typists) typist.listen(undefined)
  }

  private async watchWindow(): Promise<void> {
    await sleepUntil(this.schedule.windowStart)
    const before = process.cpuUsage()
    this.loopDelay.reset()
    this.loopDelay.enable()
    await sleepUntil(this.schedule.windowEnd)
    this.loopDelay.disable()
    const spent = process.cpuUsage(before)
    this.cpuUs = spent.user + spent.system
  }

  /** Once every edit is sent: when each of this driver's edits went out. */
  async sentTimes(): Promise<SentTimes> {
    await this.done
    const times: SentTimes = {}
    for (const [client, at] of this.sentAt) times[client] = Array.from(at)
    return times
  }

  private expected(): number {
    let total = 0
    for (const fromEach of this.edits.values()) total += fromEach.size * this.schedule.edits
    return total
  }

  /** Waits up to `drainMs` for late deliveries, then reports against everyone's send times. */
  async collect(drainMs: number, sentAt: SentTimes): Promise<DriverRunResult> {
    await this.done
    const expected = this.expected()
    const deadline = Date.now() + drainMs
    while (this.received < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    for (const typist of this.typists) typist.listen(undefined)
    const latency = new Histogram()
    const fromSchedule = new Histogram()
    const caretLatency = new Histogram()
    for (const [arrivals, histogram] of [
      [this.edits, latency],
      [this.carets, caretLatency],
    ] as const) {
      for (const fromEach of arrivals.values()) {
        for (const [sender, at] of fromEach) {
          const sent = sentAt[sender] ?? []
          for (let edit = 0; edit < at.length; edit++) {
            const due = this.due(sender, edit)
            if (!this.inWindow(due) || Number.isNaN(at[edit]!)) continue
            histogram.record((at[edit]! - (sent[edit] ?? due)) / 1000)
            if (arrivals === this.edits) fromSchedule.record((at[edit]! - due) / 1000)
          }
        }
      }
    }
    return {
      latency: latency.toJSON(),
      latencyFromSchedule: fromSchedule.toJSON(),
      caretLatency: caretLatency.toJSON(),
      sendLag: this.sendLag.toJSON(),
      expected,
      received: this.received,
      sent: this.sent,
      sentOffline: this.sentOffline,
      cpuUs: this.cpuUs,
      loopDelayP99Ms: delayMs(this.loopDelay.percentile(99)),
      loopDelayMaxMs: delayMs(this.loopDelay.max),
      closeCodes: countCodes(this.typists.flatMap((typist) => typist.client.closeCodes)),
    }
  }
}
