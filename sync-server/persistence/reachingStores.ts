/**
 * The stores behind reaching people (contract M1–M4): the mail queue, the
 * notifications and each person's mail settings, extra sign-in links, and a
 * small key-value store for settings of the whole installation (the secret of
 * unsubscribe links, dates of the timeline, descriptions of proposals).
 *
 * Every write is narrow — a field or a row — so instances of a cluster never
 * write a whole record back over another's change (D4).
 */
import type { Province, Role } from '../../shared/roles.ts'

/** What a queued mail is about; its text is made when it is sent. */
export type MailKind = 'invitation' | 'sign-in-link' | 'notifications'

/**
 * A queued mail. It holds no sign-in token (A1): an invitation or a new link
 * gets its token when the mail is written, so the queue never holds a secret.
 */
export interface MailRecord {
  id: string
  kind: MailKind
  personId: string
  to: string
  /** What the text needs (the inviter's name, the notifications gathered …). */
  data: Record<string, unknown>
  createdAt: string
  attempts: number
  nextAttemptAt: string
  sentAt: string | null
  /** Set when sending was given up (a refused address, too many attempts). */
  failedAt: string | null
  lastError: string | null
}

/** How a send ended: sent, to be tried again later, or given up. */
export type MailOutcome =
  | { sentAt: string }
  | { retryAt: string; error: string }
  | { failedAt: string; error: string }

export interface MailStore {
  /** Queues mails; an id already queued is left as it is. Durable when it resolves. */
  enqueue(mails: MailRecord[]): Promise<void>
  /**
   * Takes up to `limit` mails that are due at `now` and not held by another
   * sender, and holds them for `owner` until `leaseUntil`: in a cluster each
   * mail is taken by one instance only.
   */
  claimDue(owner: string, now: string, leaseUntil: string, limit: number): Promise<MailRecord[]>
  /** Records how a send ended; `attempts` goes up by one. Releases the claim. */
  finish(id: string, outcome: MailOutcome): Promise<void>
  get(id: string): Promise<MailRecord | undefined>
  /** Mails neither sent nor given up. */
  pendingCount(): Promise<number>
}

export type NotificationKind = 'reply' | 'decision' | 'round' | 'reminder'

export interface NotificationRecord {
  id: string
  personId: string
  kind: NotificationKind
  proposalId: string
  /** What its sentence needs: the thread's quote, who replied, the round's title, closing date … */
  data: Record<string, unknown>
  createdAt: string
  readAt: string | null
  /** When a mail took it along, or it was passed over because mail is off. */
  mailedAt: string | null
}

/** Which notifications a person wants by mail. */
export type MailPreferences = Record<NotificationKind, boolean>

export interface NotificationStore {
  /** Adds notifications; an id already there is left as it is. @returns the ones added */
  add(records: NotificationRecord[]): Promise<NotificationRecord[]>
  /** A person's notifications, newest first. */
  list(personId: string, limit: number): Promise<NotificationRecord[]>
  unreadCount(personId: string): Promise<number>
  /** Marks the given notifications (all when `ids` is null) of the person as read. */
  markRead(personId: string, ids: string[] | null, at: string): Promise<void>
  /** Notifications no mail has taken along yet, oldest first. */
  unmailed(limit: number): Promise<NotificationRecord[]>
  markMailed(ids: string[], at: string): Promise<void>
  /** undefined until the person changed them (then every kind is on). */
  preferences(personId: string): Promise<MailPreferences | undefined>
  setPreferences(personId: string, preferences: MailPreferences): Promise<void>
  /** When the person was last sent a mail of notifications. */
  lastMailAt(personId: string): Promise<string | null>
  setLastMailAt(personId: string, at: string): Promise<void>
  /** Every person's preferences that were changed (for copying an installation). */
  allPreferences(): Promise<Array<{ personId: string; preferences: MailPreferences }>>
}

/** A sign-in link besides the one of the invitation (M3); revoking the person ends them all. */
export interface SignInTokenRecord {
  /** The mail that carried it: writing that mail again replaces the token. */
  id: string
  personId: string
  tokenHash: string
  createdAt: string
}

export interface SignInTokenStore {
  /** Creates or replaces the token of `record.id`. */
  put(record: SignInTokenRecord): Promise<void>
  /** The person a token hash belongs to. */
  personOf(tokenHash: string): Promise<string | undefined>
  /** Every record (for copying an installation). */
  all(): Promise<SignInTokenRecord[]>
}

export interface SettingStore {
  get<T>(key: string): Promise<T | undefined>
  /** Every setting whose key starts with `prefix`. */
  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>>
  put(key: string, value: unknown): Promise<void>
  /** Stores `value` unless the key exists; returns what is stored afterwards. */
  putIfAbsent<T>(key: string, value: T): Promise<T>
}

/** Changes of a person's own fields (never the token, colour or history). */
export interface PersonChanges {
  name?: string
  email?: string | null
  organisation?: string | null
  province?: Province | null
  role?: Role
  proposals?: '*' | string[]
}
