/**
 * The embedded default (contract D1): metadata in small lowdb JSON files,
 * documents in `FileDocumentStore` folders, everything under `dataDir`.
 *
 *   dataDir/people.json      people and token hashes
 *   dataDir/proposals.json   proposals and their status
 *   dataDir/documents/<id>/  each proposal's snapshot and update log
 *   dataDir/threads/<id>.json           comment threads of a proposal
 *   dataDir/versions/<id>.json, <id>/   versions of a proposal and their states
 *   dataDir/rounds/<id>.json, <id>/     consultation rounds, their positions and the VNG's responses (JSON lines)
 *   dataDir/activity/<id>.jsonl         what happened, per proposal
 *   dataDir/visits.json                 when people last looked at reactions
 *   dataDir/mail/queue.jsonl            mails to send and lately sent (no tokens, A1)
 *   dataDir/outbox/*.eml                mails written instead of sent, without SMTP_URL (M2)
 *   dataDir/notifications/              notifications and each person's mail settings (M4)
 *   dataDir/sign-in-links.jsonl         hashes of sign-in links sent by mail (M3)
 *   dataDir/settings.json               timeline dates, descriptions, the unsubscribe secret
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../log.ts'
import { FileDocumentStore } from '../FileDocumentStore.ts'
import type { FileOps } from '../fileOps.ts'
import type {
  PeopleStore,
  PersonRecord,
  ProposalRecord,
  ProposalStore,
  Storage,
} from '../Storage.ts'
import { JsonCollection } from './JsonCollection.ts'
import { saveBatchIn } from './peopleBatch.ts'
import {
  LowdbMailStore,
  LowdbNotificationStore,
  LowdbSettingStore,
  LowdbSignInTokenStore,
} from './reachingStores.ts'
import {
  LowdbActivityStore,
  LowdbRoundStore,
  LowdbThreadStore,
  LowdbVersionStore,
  LowdbVisitStore,
} from './stores.ts'

export interface LowdbStorageOptions {
  dataDir: string
  log: Logger
  /** @default 50 — must stay under the 100 ms of contract P5 */
  fsyncDelayMs?: number
  /** The file operations of the documents' logs (tests make them fail). */
  fileOps?: FileOps
}

export class LowdbStorage implements Storage {
  readonly #dataDir: string
  readonly #people: JsonCollection<PersonRecord>
  readonly #proposals: JsonCollection<ProposalRecord>
  readonly documents: FileDocumentStore
  readonly people: PeopleStore
  readonly proposals: ProposalStore
  readonly threads: LowdbThreadStore
  readonly versions: LowdbVersionStore
  readonly rounds: LowdbRoundStore
  readonly activity: LowdbActivityStore
  readonly visits: LowdbVisitStore
  readonly mail: LowdbMailStore
  readonly notifications: LowdbNotificationStore
  readonly signInTokens: LowdbSignInTokenStore
  readonly settings: LowdbSettingStore

  constructor(options: LowdbStorageOptions) {
    this.#dataDir = options.dataDir
    this.#people = new JsonCollection(join(options.dataDir, 'people.json'))
    this.#proposals = new JsonCollection(join(options.dataDir, 'proposals.json'))
    this.documents = new FileDocumentStore(join(options.dataDir, 'documents'), {
      fsyncDelayMs: options.fsyncDelayMs ?? 50,
      log: options.log.child('storage'),
      fileOps: options.fileOps,
    })
    this.threads = new LowdbThreadStore(join(options.dataDir, 'threads'))
    this.versions = new LowdbVersionStore(join(options.dataDir, 'versions'))
    this.rounds = new LowdbRoundStore(join(options.dataDir, 'rounds'))
    this.activity = new LowdbActivityStore(join(options.dataDir, 'activity'))
    this.visits = new LowdbVisitStore(join(options.dataDir, 'visits.json'))
    this.mail = new LowdbMailStore(options.dataDir)
    this.notifications = new LowdbNotificationStore(options.dataDir)
    this.signInTokens = new LowdbSignInTokenStore(options.dataDir)
    this.settings = new LowdbSettingStore(options.dataDir)
    const people = this.#people
    const proposals = this.#proposals
    this.people = {
      list: async () => people.all(),
      get: async (id) => people.get(id),
      getByTokenHash: async (hash) => people.find((person) => person.tokenHash === hash),
      put: (person) => people.put(person),
      change: (id, apply) => people.change(id, apply),
      saveBatch: (batch) => saveBatchIn(people, batch),
    }
    this.proposals = {
      list: async () => proposals.all(),
      get: async (id) => proposals.get(id),
      put: (proposal) => proposals.put(proposal),
      add: (proposal) => proposals.add(proposal),
      change: (id, apply) => proposals.change(id, apply),
    }
  }

  async open(): Promise<void> {
    await mkdir(this.#dataDir, { recursive: true, mode: 0o700 })
    await this.#people.read()
    await this.#proposals.read()
    await this.documents.verifyAll()
    await this.threads.collections.verifyAll()
    await this.versions.collections.verifyAll()
    await this.rounds.verifyAll()
    await this.activity.verifyAll()
    await this.visits.collection.read()
    await this.mail.read()
    await this.notifications.read()
    await this.signInTokens.read()
    await this.settings.collection.read()
  }

  close(): Promise<void> {
    return this.documents.close()
  }
}
