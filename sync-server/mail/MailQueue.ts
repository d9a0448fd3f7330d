/**
 * The mail queue (M2): mails are stored first (they survive a restart), then
 * sent in the background — a request never waits for a mail server. A mail
 * that fails is tried again later, each wait twice the one before; one the
 * server refuses for good (5xx) is given up and logged. In a cluster every
 * instance sends, each taking due mails with a claim, so each mail goes once.
 */
import { randomBytes } from 'node:crypto'
import type { Logger } from '../log.ts'
import type { MailKind, MailRecord, Storage } from '../persistence/Storage.ts'
import { isPermanent, type MailTransport } from './transport.ts'
import { type WriteContext, writeMail } from './writeMail.ts'

/** A mail to queue; its id is made when absent (give one to queue it at most once). */
export interface NewMail {
  id?: string
  kind: MailKind
  personId: string
  to: string
  data: Record<string, unknown>
}

export interface MailQueueOptions {
  storage: Storage
  transport: MailTransport
  log: Logger
  /** The time now, in ms (tests move it). */
  clock: () => number
  /** How often due mails are looked for (others may have been queued by another instance). */
  pollMs: number
  /** The wait before the first retry; it doubles each time, up to six hours. */
  retryMs: number
  /** This instance, for claims. */
  owner: string
  write: Omit<WriteContext, 'storage' | 'now'>
}

/** Attempts before a mail is given up (with the default retry that is about a day). */
export const MAX_ATTEMPTS = 10
const MAX_WAIT_MS = 6 * 60 * 60 * 1000
/** A claim outlives any send; if its instance dies, another takes the mail after this. */
const CLAIM_MS = 5 * 60 * 1000
const BATCH = 20

export const newMailId = () => `m-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`

export class MailQueue {
  readonly #options: MailQueueOptions
  #timer: NodeJS.Timeout | null = null
  #running: Promise<number> | null = null
  #again = false
  #closed = false

  constructor(options: MailQueueOptions) {
    this.#options = options
  }

  get mode() {
    return this.#options.transport.mode
  }

  #iso(ms = this.#options.clock()) {
    return new Date(ms).toISOString()
  }

  /** Stores mails (durable when this resolves) and starts sending them. */
  async enqueue(mails: NewMail[]): Promise<void> {
    const now = this.#iso()
    const records: MailRecord[] = mails.map((mail) => ({
      id: mail.id ?? newMailId(),
      kind: mail.kind,
      personId: mail.personId,
      to: mail.to,
      data: mail.data,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      sentAt: null,
      failedAt: null,
      lastError: null,
    }))
    await this.#options.storage.mail.enqueue(records)
    this.kick()
  }

  /** Sends what is due soon, without waiting for the next poll. */
  kick(): void {
    if (this.#closed) return
    setImmediate(() => void this.runOnce())
  }

  start(): void {
    this.#timer = setInterval(() => void this.runOnce(), this.#options.pollMs)
    this.#timer.unref()
    this.kick()
  }

  /**
   * Sends every mail that is due, batch after batch, until none is left.
   * @returns how many were sent (by this call or the run it joined)
   */
  runOnce(): Promise<number> {
    if (this.#closed) return Promise.resolve(0)
    if (this.#running) {
      this.#again = true
      return this.#running
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null
      if (this.#again && !this.#closed) {
        this.#again = false
        this.kick()
      }
    })
    return this.#running
  }

  async #drain(): Promise<number> {
    const { storage, log, owner } = this.#options
    let sent = 0
    try {
      while (!this.#closed) {
        const now = this.#options.clock()
        const due = await storage.mail.claimDue(
          owner,
          this.#iso(now),
          this.#iso(now + CLAIM_MS),
          BATCH,
        )
        if (due.length === 0) break
        const results = await Promise.all(due.map((mail) => this.#send(mail)))
        sent += results.filter(Boolean).length
      }
    } catch (error) {
      log.error('sending mail failed', { error: String(error) })
    }
    return sent
  }

  async #send(mail: MailRecord): Promise<boolean> {
    const { storage, transport, log } = this.#options
    const context = { ...this.#options.write, storage, now: () => this.#iso() }
    try {
      const message = await writeMail(mail, context)
      if (!message) {
        await storage.mail.finish(mail.id, { failedAt: this.#iso(), error: 'no access anymore' })
        return false
      }
      await transport.send(message)
      await storage.mail.finish(mail.id, { sentAt: this.#iso() })
      log.info('mail sent', { mail: mail.id, kind: mail.kind, via: transport.mode })
      return true
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const attempts = mail.attempts + 1
      if (isPermanent(error) || attempts >= MAX_ATTEMPTS) {
        log.error('mail given up', { mail: mail.id, kind: mail.kind, attempts, error: reason })
        await storage.mail.finish(mail.id, { failedAt: this.#iso(), error: reason })
      } else {
        const wait = Math.min(this.#options.retryMs * 2 ** (attempts - 1), MAX_WAIT_MS)
        log.warn('mail not sent, will try again', { mail: mail.id, attempts, error: reason })
        await storage.mail.finish(mail.id, {
          retryAt: this.#iso(this.#options.clock() + wait),
          error: reason,
        })
      }
      return false
    }
  }

  /** Stops polling and waits for a send under way; what is left stays queued. */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer) clearInterval(this.#timer)
    await this.#running
    this.#options.transport.close()
  }
}
