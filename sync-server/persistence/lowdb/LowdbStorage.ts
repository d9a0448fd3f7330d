/**
 * The embedded default (contract D1): metadata in small lowdb JSON files,
 * documents in `FileDocumentStore` folders, everything under `dataDir`.
 *
 *   dataDir/people.json      people and token hashes
 *   dataDir/proposals.json   proposals and their status
 *   dataDir/documents/<id>/  each proposal's snapshot and update log
 *   dataDir/threads/<id>.json           comment threads of a proposal
 *   dataDir/versions/<id>.json, <id>/   versions of a proposal and their states
 *   dataDir/rounds/<id>.json, <id>/     consultation rounds and their positions (JSON lines)
 *   dataDir/activity/<id>.jsonl         what happened, per proposal
 *   dataDir/visits.json                 when people last looked at reactions
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
    const people = this.#people
    const proposals = this.#proposals
    this.people = {
      list: async () => people.all(),
      get: async (id) => people.get(id),
      getByTokenHash: async (hash) => people.find((person) => person.tokenHash === hash),
      put: (person) => people.put(person),
    }
    this.proposals = {
      list: async () => proposals.all(),
      get: async (id) => proposals.get(id),
      put: (proposal) => proposals.put(proposal),
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
  }

  close(): Promise<void> {
    return this.documents.close()
  }
}
