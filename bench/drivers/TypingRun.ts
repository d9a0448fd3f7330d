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
import type { LightReader } from './LightReader.ts'
import type { DriverRunResult, Schedule, SentTimes } from './messages.ts'
import type { DeliverySink, Receiver, Typist } from './Typist.ts'

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
type Arrivals = Map<Receiver, Map<number, Float64Array>>

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
  /** Those who type: the typists that are not readers. */
  private readonly writers: Typist[]
  private readonly receivers: Receiver[]
  private readerFrames = 0
  private readerBytes = 0

  /**
   * @param typists writers and full readers of this driver
   * @param lightReaders readers without a document (they time inserts only)
   */
  constructor(
    private readonly schedule: Schedule,
    private readonly typists: Typist[],
    private readonly lightReaders: LightReader[] = [],
  ) {
    this.writers = typists.filter((typist) => !typist.spec.reader)
    this.receivers = [...typists, ...lightReaders]
    schedule.roomOf.forEach((room, client) => {
      const members = this.membersOf.get(room) ?? []
      members.push(client)
      this.membersOf.set(room, members)
    })
    for (const typist of this.receivers) {
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
      if (typist.spec.reader !== 'light') this.carets.set(typist, fromEach())
    }
    for (const writer of this.writers) {
      this.sentAt.set(writer.spec.client, new Float64Array(schedule.edits).fill(Number.NaN))
    }
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
    const { t0, intervalNs, clients, jitter } = this.schedule
    const stray = jitter ? jitter * this.planOf(client)!.stray[edit]! : 0
    return t0 + (client * intervalNs) / clients + (edit + stray) * intervalNs
  }

  private inWindow(at: number): boolean {
    return at >= this.schedule.windowStart && at < this.schedule.windowEnd
  }

  onEdit(receiver: Receiver, client: number, edit: number, atNs: number): void {
    const arrivals = this.edits.get(receiver)?.get(client)
    if (!arrivals || !Number.isNaN(arrivals[edit]!)) return
    arrivals[edit] = atNs
    this.received++
  }

  onCaret(receiver: Receiver, client: number, clock: number, atNs: number): void {
    if (!this.schedule.carets) return
    // the caret of edit k carries awareness clock base + 1 + k
    const edit = clock - (this.schedule.awarenessBase[client] ?? 0) - 1
    const arrivals = this.carets.get(receiver)?.get(client)
    if (!arrivals || edit < 0 || edit >= arrivals.length) return
    if (Number.isNaN(arrivals[edit]!)) arrivals[edit] = atNs
  }

  /** Starts firing edits on schedule. */
  start(): void {
    for (const receiver of this.receivers) (receiver as Typist | LightReader).listen(this)
    this.done = Promise.all([this.fireAll(), this.watchWindow()]).then(() => undefined)
  }

  /** Fires every writer's edits when they are due; writers out of step keep their own pace. */
  private fireAll(): Promise<void> {
    const { edits, carets } = this.schedule
    const next = new Array<number>(this.writers.length).fill(0)
    return new Promise((resolve) => {
      const tick = (): void => {
        if (this.stopped) {
          resolve()
          return
        }
        let soonest = Number.POSITIVE_INFINITY
        for (let i = 0; i < this.writers.length; i++) {
          const typist = this.writers[i]!
          const client = typist.spec.client
          while (next[i]! < edits) {
            const edit = next[i]!
            const due = this.due(client, edit)
            if (due > nowNs()) {
              soonest = Math.min(soonest, due)
              break
            }
            const online = typist.type(this.planOf(client)!, edit, carets)
            const now = nowNs()
            this.sentAt.get(client)![edit] = now
            if (this.inWindow(due)) this.sendLag.record((now - due) / 1000)
            this.sent++
            if (!online) this.sentOffline++
            next[i] = edit + 1
          }
        }
        if (soonest === Number.POSITIVE_INFINITY) {
          resolve()
          return
        }
        setTimeout(tick, Math.max(0, Math.floor((soonest - nowNs()) / 1e6)))
      }
      tick()
    })
  }

  /** Stops sending (a run abandoned halfway); the clients are the caller's to close. */
  stop(): void {
    this.stopped = true
    this.unlisten()
  }

  private unlisten(): void {
    for (const receiver of this.receivers) (receiver as Typist | LightReader).listen(undefined)
  }

  private readerTotals(): { frames: number; bytes: number } {
    let frames = 0
    let bytes = 0
    for (const reader of this.lightReaders) {
      frames += reader.frames
      bytes += reader.bytes
    }
    return { frames, bytes }
  }

  private async watchWindow(): Promise<void> {
    await sleepUntil(this.schedule.windowStart)
    const before = process.cpuUsage()
    const readersBefore = this.readerTotals()
    this.loopDelay.reset()
    this.loopDelay.enable()
    await sleepUntil(this.schedule.windowEnd)
    this.loopDelay.disable()
    const spent = process.cpuUsage(before)
    this.cpuUs = spent.user + spent.system
    const readersAfter = this.readerTotals()
    this.readerFrames = readersAfter.frames - readersBefore.frames
    this.readerBytes = readersAfter.bytes - readersBefore.bytes
  }

  /** Once every edit is sent: when each of this driver's edits went out. */
  async sentTimes(): Promise<SentTimes> {
    await this.done
    const times: SentTimes = {}
    for (const [client, at] of this.sentAt) times[client] = Array.from(at)
    return times
  }

  /** Deliveries due: every edit to every receiver, inserts only to a light reader. */
  private expected(): number {
    let total = 0
    for (const [receiver, fromEach] of this.edits) {
      if (receiver.spec.reader !== 'light') {
        total += fromEach.size * this.schedule.edits
        continue
      }
      for (const sender of fromEach.keys()) {
        total += this.planOf(sender)!.kind.reduce((n, kind) => n + (kind === 0 ? 1 : 0), 0)
      }
    }
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
    this.unlisten()
    const latency = new Histogram()
    const fromSchedule = new Histogram()
    const caretLatency = new Histogram()
    const readerLatency = new Histogram()
    for (const [arrivals, histogram] of [
      [this.edits, latency],
      [this.carets, caretLatency],
    ] as const) {
      for (const [receiver, fromEach] of arrivals) {
        const reader = arrivals === this.edits && receiver.spec.reader !== undefined
        for (const [sender, at] of fromEach) {
          const sent = sentAt[sender] ?? []
          for (let edit = 0; edit < at.length; edit++) {
            const due = this.due(sender, edit)
            if (!this.inWindow(due) || Number.isNaN(at[edit]!)) continue
            histogram.record((at[edit]! - (sent[edit] ?? due)) / 1000)
            if (reader) readerLatency.record((at[edit]! - (sent[edit] ?? due)) / 1000)
            if (arrivals === this.edits) fromSchedule.record((at[edit]! - due) / 1000)
          }
        }
      }
    }
    return {
      latency: latency.toJSON(),
      latencyFromSchedule: fromSchedule.toJSON(),
      caretLatency: caretLatency.toJSON(),
      readerLatency: readerLatency.toJSON(),
      readerFrames: this.readerFrames,
      readerBytes: this.readerBytes,
      readers: this.lightReaders.length,
      sendLag: this.sendLag.toJSON(),
      expected,
      received: this.received,
      sent: this.sent,
      sentOffline: this.sentOffline,
      cpuUs: this.cpuUs,
      loopDelayP99Ms: delayMs(this.loopDelay.percentile(99)),
      loopDelayMaxMs: delayMs(this.loopDelay.max),
      closeCodes: countCodes([
        ...this.typists.flatMap((typist) => typist.client.closeCodes),
        ...this.lightReaders.flatMap((reader) => reader.closeCodes),
      ]),
    }
  }
}
