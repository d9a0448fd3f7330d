/**
 * Notifications by mail, gathered (M4): at most one mail per person per
 * `intervalMs` (15 minutes); what comes meanwhile waits for the next. Kinds a
 * person turned off (or everything, after unsubscribing) are passed over. The
 * same timer sends the reminders of rounds about to close. In a cluster one
 * instance at a time does this work (a lock), and a mail's id is made from the
 * notifications it carries, so doing it twice queues it once.
 */
import { createHash } from 'node:crypto'
import type { Locks } from '../cluster/Locks.ts'
import type { Logger } from '../log.ts'
import type { MailQueue, NewMail } from '../mail/MailQueue.ts'
import { isActive } from '../people/email.ts'
import type { NotificationRecord, Storage } from '../persistence/Storage.ts'
import type { RoundService } from '../rounds/RoundService.ts'
import type { Notifier } from './Notifier.ts'
import { ALL_ON } from './preferences.ts'
import { sendReminders } from './reminders.ts'
import { sentenceOf } from './sentences.ts'

export interface DigestOptions {
  storage: Storage
  mail: MailQueue
  notifier: Notifier
  rounds: RoundService
  locks: Locks
  log: Logger
  clock: () => number
  /** At most one mail per person this often. @default 15 minutes */
  intervalMs: number
  /** How often to look. */
  tickMs: number
}

export class Digest {
  readonly #options: DigestOptions
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null

  constructor(options: DigestOptions) {
    this.#options = options
  }

  start(): void {
    // A tick while a run is under way is skipped; the next one comes soon.
    this.#timer = setInterval(() => {
      if (!this.#running) void this.runOnce()
    }, this.#options.tickMs)
    this.#timer.unref()
  }

  /** One round of reminders and mails, after any under way (which saw an earlier clock). */
  runOnce(): Promise<void> {
    const run = (this.#running ?? Promise.resolve())
      .then(() => this.#options.locks.withLock('notifications', () => this.#run()))
      .catch((error) =>
        this.#options.log.error('notification mails failed', { error: String(error) }),
      )
    this.#running = run
    void run.finally(() => {
      if (this.#running === run) this.#running = null
    })
    return run
  }

  async #run(): Promise<void> {
    const { storage, rounds, notifier, clock } = this.#options
    await sendReminders(storage, rounds, notifier, clock())
    await this.#mail(await storage.notifications.unmailed(10_000))
  }

  async #mail(pending: NotificationRecord[]): Promise<void> {
    const { storage, clock, intervalMs } = this.#options
    const now = clock()
    const at = new Date(now).toISOString()
    const byPerson = new Map<string, NotificationRecord[]>()
    for (const record of pending)
      byPerson.set(record.personId, [...(byPerson.get(record.personId) ?? []), record])
    const mails: NewMail[] = []
    const done: string[] = []
    const mailed: string[] = []
    for (const [personId, records] of byPerson) {
      const person = await storage.people.get(personId)
      const preferences = (await storage.notifications.preferences(personId)) ?? ALL_ON
      const wanted = records.filter((record) => preferences[record.kind])
      if (!person?.email || !isActive(person) || wanted.length === 0) {
        done.push(...records.map((record) => record.id))
        continue
      }
      const last = await storage.notifications.lastMailAt(personId)
      if (last && now - Date.parse(last) < intervalMs) continue
      done.push(...records.map((record) => record.id))
      mailed.push(personId)
      const ids = wanted.map((record) => record.id)
      mails.push({
        id: `m-notify-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 24)}`,
        kind: 'notifications',
        personId,
        to: person.email,
        data: {
          items: wanted.map((record) => ({
            text: sentenceOf(record),
            proposalId: record.proposalId,
          })),
        },
      })
    }
    // Queued before they are marked: a crash in between queues the same ids again, once.
    if (mails.length > 0) await this.#options.mail.enqueue(mails)
    await storage.notifications.markMailed(done, at)
    for (const personId of mailed) await storage.notifications.setLastMailAt(personId, at)
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    await this.#running
  }
}
