/**
 * Storage in PostgreSQL (contract D1: chosen when `DATABASE_URL` is set).
 * `open` reaches the database and brings its schema up to date; every store
 * runs on one connection pool; `close` commits what is pending and ends the pool.
 * Tables and what they hold: `migrations/001_initial.sql`.
 */
import type pg from 'pg'
import { StorageError } from '../../errors.ts'
import type { Logger } from '../../log.ts'
import type {
  ActivityStore,
  MailStore,
  NotificationStore,
  PeopleStore,
  ProposalStore,
  RoundStore,
  SettingStore,
  SignInTokenStore,
  Storage,
  ThreadStore,
  VersionStore,
  VisitStore,
} from '../Storage.ts'
import { pgPersonChange, pgProposalChange, pgThreadChanges } from './changeStores.ts'
import { createPool, describeUrl, inTransaction, type PoolOptions } from './database.ts'
import { withTakenEmailRefused } from './emailTaken.ts'
import { migrate } from './migrate.ts'
import { PgDocumentStore } from './PgDocumentStore.ts'
import { saveBatchInPostgres } from './peopleBatch.ts'
import { pgPeopleStore, pgProposalStore, pgVisitStore } from './peopleStores.ts'
import {
  pgMailStore,
  pgNotificationStore,
  pgSettingStore,
  pgSignInTokenStore,
} from './reachingStores.ts'
import { pgActivityStore, pgRoundStore, pgThreadStore, pgVersionStore } from './textStores.ts'

export type PgStorageOptions = PoolOptions

export class PgStorage implements Storage {
  readonly #url: string
  readonly #log: Logger
  readonly pool: pg.Pool
  readonly documents: PgDocumentStore
  readonly people: PeopleStore
  readonly proposals: ProposalStore
  readonly threads: ThreadStore
  readonly versions: VersionStore
  readonly rounds: RoundStore
  readonly activity: ActivityStore
  readonly visits: VisitStore
  readonly mail: MailStore
  readonly notifications: NotificationStore
  readonly signInTokens: SignInTokenStore
  readonly settings: SettingStore
  #closing: Promise<void> | null = null

  constructor(options: PgStorageOptions) {
    this.#url = options.url
    this.#log = options.log.child('storage')
    this.pool = createPool({ ...options, log: this.#log })
    this.documents = new PgDocumentStore({
      db: this.pool,
      transaction: (work) => inTransaction(this.pool, work),
      log: this.#log,
    })
    this.people = withTakenEmailRefused({
      ...pgPeopleStore(this.pool),
      change: pgPersonChange(this.pool),
      saveBatch: (batch) => saveBatchInPostgres(this.pool, batch),
    })
    this.proposals = { ...pgProposalStore(this.pool), change: pgProposalChange(this.pool) }
    this.threads = { ...pgThreadStore(this.pool), ...pgThreadChanges(this.pool) }
    this.versions = pgVersionStore(this.pool)
    this.rounds = pgRoundStore(this.pool)
    this.activity = pgActivityStore(this.pool)
    this.visits = pgVisitStore(this.pool)
    this.mail = pgMailStore(this.pool)
    this.notifications = pgNotificationStore(this.pool)
    this.signInTokens = pgSignInTokenStore(this.pool)
    this.settings = pgSettingStore(this.pool)
  }

  /** The database without its password, for messages. */
  get description(): string {
    return describeUrl(this.#url)
  }

  /**
   * Connects and migrates.
   * @throws StorageError naming the database when it cannot be reached or its
   * schema is newer than this server (P6: the start stops, nothing is written)
   */
  async open(): Promise<void> {
    let applied: number[]
    try {
      applied = await migrate(this.pool)
    } catch (error) {
      await this.pool.end().catch(() => {})
      throw new StorageError(`the PostgreSQL database ${this.description}`, reasonOf(error))
    }
    if (applied.length > 0) {
      this.#log.info('database schema migrated', { database: this.description, applied })
    }
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        await this.documents.close()
      } finally {
        await this.pool.end()
      }
    })()
    return this.#closing
  }
}

/** pg's connection errors can have an empty message (an AggregateError of addresses). */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map((e) => reasonOf(e)).join('; ')
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    return error.message || code || error.name
  }
  return String(error)
}
