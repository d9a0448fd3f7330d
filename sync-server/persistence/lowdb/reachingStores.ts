/**
 * The embedded stores behind reaching people (M1–M4): the mail queue,
 * notifications with each person's mail settings, extra sign-in links, and
 * settings. Each is a `RecordLog` (JSON lines of changes) except the settings,
 * which are few and small (one lowdb file). One instance alone uses them, so a
 * mail's claim is kept in memory only.
 */
import { join } from 'node:path'
import type {
  MailPreferences,
  MailRecord,
  MailStore,
  NotificationRecord,
  NotificationStore,
  SettingStore,
  SignInTokenRecord,
  SignInTokenStore,
} from '../reachingStores.ts'
import { JsonCollection } from './JsonCollection.ts'
import { RecordLog } from './RecordLog.ts'

const DAY = 24 * 60 * 60 * 1000
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString()

export class LowdbMailStore implements MailStore {
  readonly log: RecordLog<MailRecord>
  readonly #claims = new Map<string, string>()

  constructor(dataDir: string) {
    this.log = new RecordLog(join(dataDir, 'mail', 'queue.jsonl'))
  }

  /** Keeps what is pending, and what was sent or given up in the last 30 days. */
  read(): Promise<void> {
    const since = daysAgo(30)
    return this.log.read((mail) => (mail.sentAt ?? mail.failedAt ?? since) >= since)
  }

  async enqueue(mails: MailRecord[]): Promise<void> {
    await this.log.put(mails.filter((mail) => !this.log.has(mail.id)))
  }

  async claimDue(_owner: string, now: string, leaseUntil: string, limit: number) {
    const claimed: MailRecord[] = []
    for (const mail of this.log.values()) {
      if (claimed.length >= limit) break
      if (mail.sentAt || mail.failedAt || mail.nextAttemptAt > now) continue
      const lease = this.#claims.get(mail.id)
      if (lease && lease > now) continue
      this.#claims.set(mail.id, leaseUntil)
      claimed.push({ ...mail })
    }
    return claimed
  }

  async finish(id: string, outcome: Parameters<MailStore['finish']>[1]) {
    const mail = this.log.get(id)
    if (!mail) return
    this.#claims.delete(id)
    const attempts = mail.attempts + 1
    if ('sentAt' in outcome) await this.log.change([{ id, attempts, sentAt: outcome.sentAt }])
    else if ('retryAt' in outcome)
      await this.log.change([
        { id, attempts, nextAttemptAt: outcome.retryAt, lastError: outcome.error },
      ])
    else
      await this.log.change([
        { id, attempts, failedAt: outcome.failedAt, lastError: outcome.error },
      ])
  }

  async get(id: string) {
    const mail = this.log.get(id)
    return mail && { ...mail }
  }

  async pendingCount() {
    let count = 0
    for (const mail of this.log.values()) if (!mail.sentAt && !mail.failedAt) count++
    return count
  }
}

interface PersonMailState {
  id: string
  preferences?: MailPreferences
  lastMailAt?: string | null
}

export class LowdbNotificationStore implements NotificationStore {
  readonly log: RecordLog<NotificationRecord>
  readonly people: RecordLog<PersonMailState>
  readonly #byPerson = new Map<string, string[]>()

  constructor(dataDir: string) {
    this.log = new RecordLog(join(dataDir, 'notifications', 'notifications.jsonl'))
    this.people = new RecordLog(join(dataDir, 'notifications', 'people.jsonl'))
  }

  /** Keeps unread notifications, and read ones of the last 180 days. */
  async read(): Promise<void> {
    const since = daysAgo(180)
    await this.log.read((n) => n.readAt === null || n.createdAt >= since)
    await this.people.read()
    this.#byPerson.clear()
    for (const record of this.log.values()) this.#index(record)
  }

  #index(record: NotificationRecord) {
    let ids = this.#byPerson.get(record.personId)
    if (!ids) {
      ids = []
      this.#byPerson.set(record.personId, ids)
    }
    ids.push(record.id)
  }

  #of(personId: string): NotificationRecord[] {
    return (this.#byPerson.get(personId) ?? []).map((id) => this.log.get(id)!)
  }

  async add(records: NotificationRecord[]) {
    const fresh = records.filter((record) => !this.log.has(record.id))
    await this.log.put(fresh)
    for (const record of fresh) this.#index(record)
    return fresh
  }

  async list(personId: string, limit: number) {
    return this.#of(personId)
      .reverse()
      .slice(0, limit)
      .map((record) => ({ ...record }))
  }

  async unreadCount(personId: string) {
    return this.#of(personId).filter((record) => record.readAt === null).length
  }

  async markRead(personId: string, ids: string[] | null, at: string) {
    const wanted = ids && new Set(ids)
    const changes = this.#of(personId)
      .filter((record) => record.readAt === null && (!wanted || wanted.has(record.id)))
      .map((record) => ({ id: record.id, readAt: at }))
    await this.log.change(changes)
  }

  async unmailed(limit: number) {
    const found: NotificationRecord[] = []
    for (const record of this.log.values()) {
      if (found.length >= limit) break
      if (record.mailedAt === null) found.push({ ...record })
    }
    return found
  }

  markMailed(ids: string[], at: string) {
    return this.log.change(ids.map((id) => ({ id, mailedAt: at })))
  }

  async preferences(personId: string) {
    return this.people.get(personId)?.preferences
  }

  setPreferences(personId: string, preferences: MailPreferences) {
    return this.#setPerson(personId, { preferences })
  }

  async lastMailAt(personId: string) {
    return this.people.get(personId)?.lastMailAt ?? null
  }

  setLastMailAt(personId: string, at: string) {
    return this.#setPerson(personId, { lastMailAt: at })
  }

  async allPreferences() {
    return [...this.people.values()].flatMap((state) =>
      state.preferences ? [{ personId: state.id, preferences: state.preferences }] : [],
    )
  }

  #setPerson(id: string, fields: Omit<PersonMailState, 'id'>) {
    if (this.people.has(id)) return this.people.change([{ id, ...fields }])
    return this.people.put([{ id, ...fields }])
  }
}

export class LowdbSignInTokenStore implements SignInTokenStore {
  readonly log: RecordLog<SignInTokenRecord>
  readonly #byHash = new Map<string, string>()

  constructor(dataDir: string) {
    this.log = new RecordLog(join(dataDir, 'sign-in-links.jsonl'))
  }

  async read() {
    await this.log.read()
    this.#byHash.clear()
    for (const record of this.log.values()) this.#byHash.set(record.tokenHash, record.personId)
  }

  async put(record: SignInTokenRecord) {
    const previous = this.log.get(record.id)
    if (previous) this.#byHash.delete(previous.tokenHash)
    this.#byHash.set(record.tokenHash, record.personId)
    await this.log.put([record])
  }

  async personOf(tokenHash: string) {
    return this.#byHash.get(tokenHash)
  }

  async all() {
    return [...this.log.values()]
  }
}

interface SettingRecord {
  id: string
  value: unknown
}

export class LowdbSettingStore implements SettingStore {
  readonly collection: JsonCollection<SettingRecord>

  constructor(dataDir: string) {
    this.collection = new JsonCollection(join(dataDir, 'settings.json'))
  }

  async get<T>(key: string) {
    return this.collection.get(key)?.value as T | undefined
  }

  async list<T>(prefix: string) {
    return this.collection
      .all()
      .filter((record) => record.id.startsWith(prefix))
      .map((record) => ({ key: record.id, value: record.value as T }))
  }

  put(key: string, value: unknown) {
    return this.collection.put({ id: key, value })
  }

  async putIfAbsent<T>(key: string, value: T): Promise<T> {
    const existing = this.collection.get(key)
    if (existing) return existing.value as T
    await this.collection.put({ id: key, value })
    return value
  }
}
