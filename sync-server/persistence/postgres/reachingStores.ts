/**
 * The PostgreSQL stores behind reaching people (M1–M4); tables in
 * `migrations/004_reaching_people.sql`. Batches are one statement over a JSON
 * array, so 342 notifications or mails are one round trip.
 */
import type {
  MailOutcome,
  MailPreferences,
  MailRecord,
  MailStore,
  NotificationRecord,
  NotificationStore,
  SettingStore,
  SignInTokenStore,
} from '../reachingStores.ts'
import type { Queryable } from './database.ts'

interface MailRow {
  id: string
  person_id: string
  created_at: string
  next_attempt_at: string
  attempts: number
  sent_at: string | null
  failed_at: string | null
  last_error: string | null
  data: { kind: MailRecord['kind']; to: string; data: Record<string, unknown> }
}

const mailOf = (row: MailRow): MailRecord => ({
  id: row.id,
  kind: row.data.kind,
  personId: row.person_id,
  to: row.data.to,
  data: row.data.data,
  createdAt: row.created_at,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  sentAt: row.sent_at,
  failedAt: row.failed_at,
  lastError: row.last_error,
})

export function pgMailStore(db: Queryable): MailStore {
  return {
    async enqueue(mails) {
      if (mails.length === 0) return
      const rows = mails.map((m) => ({
        id: m.id,
        person_id: m.personId,
        created_at: m.createdAt,
        next_attempt_at: m.nextAttemptAt,
        data: { kind: m.kind, to: m.to, data: m.data },
      }))
      await db.query(
        `INSERT INTO mail_outbox (id, person_id, created_at, next_attempt_at, data)
         SELECT x->>'id', x->>'person_id', x->>'created_at', x->>'next_attempt_at', x->'data'
         FROM json_array_elements($1::json) WITH ORDINALITY AS t(x, n) ORDER BY n
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(rows)],
      )
    },
    async claimDue(owner, now, leaseUntil, limit) {
      const { rows } = await db.query<MailRow & { seq: number }>(
        `UPDATE mail_outbox SET claimed_by = $1, claimed_until = $3
         WHERE id IN (
           SELECT id FROM mail_outbox
           WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2
             AND (claimed_until IS NULL OR claimed_until <= $2)
           ORDER BY seq LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [owner, now, leaseUntil, limit],
      )
      return rows.sort((a, b) => a.seq - b.seq).map(mailOf)
    },
    async finish(id, outcome: MailOutcome) {
      const sent = 'sentAt' in outcome ? outcome.sentAt : null
      const failed = 'failedAt' in outcome ? outcome.failedAt : null
      const retry = 'retryAt' in outcome ? outcome.retryAt : null
      const error = 'error' in outcome ? outcome.error : null
      await db.query(
        `UPDATE mail_outbox SET attempts = attempts + 1, sent_at = $2, failed_at = $3,
           next_attempt_at = COALESCE($4, next_attempt_at), last_error = COALESCE($5, last_error),
           claimed_by = NULL, claimed_until = NULL
         WHERE id = $1`,
        [id, sent, failed, retry, error],
      )
    },
    async get(id) {
      const { rows } = await db.query<MailRow>('SELECT * FROM mail_outbox WHERE id = $1', [id])
      return rows[0] && mailOf(rows[0])
    },
    async pendingCount() {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL',
      )
      return rows[0]?.n ?? 0
    },
  }
}

interface NotificationRow {
  id: string
  person_id: string
  created_at: string
  read_at: string | null
  mailed_at: string | null
  data: Pick<NotificationRecord, 'kind' | 'proposalId' | 'data'>
}

const notificationOf = (row: NotificationRow): NotificationRecord => ({
  id: row.id,
  personId: row.person_id,
  kind: row.data.kind,
  proposalId: row.data.proposalId,
  data: row.data.data,
  createdAt: row.created_at,
  readAt: row.read_at,
  mailedAt: row.mailed_at,
})

export function pgNotificationStore(db: Queryable): NotificationStore {
  const setPerson = async (
    personId: string,
    column: 'preferences' | 'last_mail_at',
    value: unknown,
  ) => {
    await db.query(
      `INSERT INTO notification_people (person_id, ${column}) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET ${column} = EXCLUDED.${column}`,
      [personId, value],
    )
  }
  return {
    async add(records) {
      if (records.length === 0) return []
      const rows = records.map((r) => ({
        id: r.id,
        person_id: r.personId,
        created_at: r.createdAt,
        read_at: r.readAt,
        mailed_at: r.mailedAt,
        data: { kind: r.kind, proposalId: r.proposalId, data: r.data },
      }))
      const { rows: added } = await db.query<{ id: string }>(
        `INSERT INTO notifications (id, person_id, created_at, read_at, mailed_at, data)
         SELECT x->>'id', x->>'person_id', x->>'created_at', x->>'read_at', x->>'mailed_at', x->'data'
         FROM json_array_elements($1::json) WITH ORDINALITY AS t(x, n) ORDER BY n
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [JSON.stringify(rows)],
      )
      const ids = new Set(added.map((row) => row.id))
      return records.filter((record) => ids.has(record.id))
    },
    async list(personId, limit) {
      const { rows } = await db.query<NotificationRow>(
        'SELECT * FROM notifications WHERE person_id = $1 ORDER BY seq DESC LIMIT $2',
        [personId, limit],
      )
      return rows.map(notificationOf)
    },
    async unreadCount(personId) {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND read_at IS NULL',
        [personId],
      )
      return rows[0]?.n ?? 0
    },
    async markRead(personId, ids, at) {
      await db.query(
        `UPDATE notifications SET read_at = $2
         WHERE person_id = $1 AND read_at IS NULL AND ($3::text[] IS NULL OR id = ANY($3))`,
        [personId, at, ids],
      )
    },
    async unmailed(limit) {
      const { rows } = await db.query<NotificationRow>(
        'SELECT * FROM notifications WHERE mailed_at IS NULL ORDER BY seq LIMIT $1',
        [limit],
      )
      return rows.map(notificationOf)
    },
    async markMailed(ids, at) {
      if (ids.length === 0) return
      await db.query('UPDATE notifications SET mailed_at = $2 WHERE id = ANY($1)', [ids, at])
    },
    async preferences(personId) {
      const { rows } = await db.query<{ preferences: MailPreferences | null }>(
        'SELECT preferences FROM notification_people WHERE person_id = $1',
        [personId],
      )
      return rows[0]?.preferences ?? undefined
    },
    setPreferences: (personId, preferences) =>
      setPerson(personId, 'preferences', JSON.stringify(preferences)),
    async lastMailAt(personId) {
      const { rows } = await db.query<{ last_mail_at: string | null }>(
        'SELECT last_mail_at FROM notification_people WHERE person_id = $1',
        [personId],
      )
      return rows[0]?.last_mail_at ?? null
    },
    setLastMailAt: (personId, at) => setPerson(personId, 'last_mail_at', at),
    async allPreferences() {
      const { rows } = await db.query<{ person_id: string; preferences: MailPreferences }>(
        'SELECT person_id, preferences FROM notification_people WHERE preferences IS NOT NULL',
      )
      return rows.map((row) => ({ personId: row.person_id, preferences: row.preferences }))
    },
  }
}

export function pgSignInTokenStore(db: Queryable): SignInTokenStore {
  return {
    async put(record) {
      await db.query(
        `INSERT INTO sign_in_tokens (id, person_id, token_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
        [record.id, record.personId, record.tokenHash, record.createdAt],
      )
    },
    async personOf(tokenHash) {
      const { rows } = await db.query<{ person_id: string }>(
        'SELECT person_id FROM sign_in_tokens WHERE token_hash = $1 LIMIT 1',
        [tokenHash],
      )
      return rows[0]?.person_id
    },
    async all() {
      const { rows } = await db.query<{
        id: string
        person_id: string
        token_hash: string
        created_at: string
      }>('SELECT * FROM sign_in_tokens ORDER BY created_at, id')
      return rows.map((row) => ({
        id: row.id,
        personId: row.person_id,
        tokenHash: row.token_hash,
        createdAt: row.created_at,
      }))
    },
  }
}

export function pgSettingStore(db: Queryable): SettingStore {
  return {
    async get<T>(key: string) {
      const { rows } = await db.query<{ data: T }>('SELECT data FROM settings WHERE key = $1', [
        key,
      ])
      return rows[0]?.data
    },
    async list<T>(prefix: string) {
      const { rows } = await db.query<{ key: string; data: T }>(
        `SELECT key, data FROM settings WHERE starts_with(key, $1) ORDER BY key`,
        [prefix],
      )
      return rows.map((row) => ({ key: row.key, value: row.data }))
    },
    async put(key, value) {
      await db.query(
        `INSERT INTO settings (key, data) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`,
        [key, JSON.stringify(value)],
      )
    },
    async putIfAbsent<T>(key: string, value: T) {
      await db.query(
        'INSERT INTO settings (key, data) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        [key, JSON.stringify(value)],
      )
      const { rows } = await db.query<{ data: T }>('SELECT data FROM settings WHERE key = $1', [
        key,
      ])
      return rows[0]!.data
    },
  }
}
