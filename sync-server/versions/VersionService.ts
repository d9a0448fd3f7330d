/**
 * Named and automatic versions (contract V1–V3). A version is the full Yjs
 * state and authorship record at that moment, so reading one never replays
 * history; comparing two goes by character identity (see diff/). Saving one is
 * announced to the proposal's open editors (E1).
 */
import type { Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { isFrozen } from '../../shared/roles.ts'
import { hasAtLeast, type Principal } from '../auth/Principal.ts'
import { documentContent } from '../documents/content.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { ProposalRecord, Storage, VersionRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { AutoVersions } from './AutoVersions.ts'
import { AcceptedChanges } from './diff/acceptedChanges.ts'
import { diffDocuments } from './diff/diffDocuments.ts'
import { nameField } from './input.ts'
import { liveIdentities } from './liveIdentities.ts'
import { lookupPeople } from './people.ts'
import { versionsToPrune } from './pruning.ts'
import { newVersionId, recordSaved } from './records.ts'
import { VersionDocs } from './VersionDocs.ts'
import { comparisonView, versionView as view } from './views.ts'

/** The name of every automatic version. */
export const AUTO_VERSION_NAME = 'Automatisch opgeslagen'

export interface VersionServiceOptions {
  log: Logger
  schema: Schema
  /** Quiet time after a change before an automatic version is saved. */
  autoVersionAfterMs: number
}

export class VersionService {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #options: VersionServiceOptions
  readonly #docs: VersionDocs
  readonly auto: AutoVersions

  constructor(storage: Storage, rooms: Rooms, options: VersionServiceOptions) {
    this.#storage = storage
    this.#rooms = rooms
    this.#options = options
    this.#docs = new VersionDocs(storage)
    this.auto = new AutoVersions({
      log: options.log,
      delayMs: options.autoVersionAfterMs,
      save: (proposalId, personId) => this.#save(proposalId, AUTO_VERSION_NAME, true, personId),
    })
  }

  /** Called after every accepted change of a proposal's text, with who sent it. */
  textChanged(proposalId: string, personId: string): void {
    this.auto.textChanged(proposalId, personId)
  }

  /** Newest first, automatic ones with `auto: true` (V1). */
  async list(proposal: ProposalRecord) {
    const people = await lookupPeople(this.#storage)
    return (await this.#storage.versions.list(proposal.id)).map((v) => view(v, people))
  }

  /**
   * Saves the text as it is now under `name` (V1).
   * @throws AppError forbidden for a writer once the proposal is `vastgesteld`: writers
   *   are treated as reviewers then (H4); editors may still save it
   */
  async save(principal: Principal, proposal: ProposalRecord, input: Record<string, unknown>) {
    if (isFrozen(proposal.status) && !hasAtLeast(principal, 'editor'))
      throw new AppError(
        'forbidden',
        'Dit voorstel is vastgesteld. Alleen de VNG-redactie kan er nog een versie van opslaan.',
      )
    const name = nameField(input.name)
    return this.#save(proposal.id, name, false, principal.person.id)
  }

  /**
   * Saves the text as it is now as a named version of `principal`, and runs
   * `change` on the room in the same turn: the version holds exactly the text
   * the change starts from, whoever types meanwhile (V4's safety version).
   * A change that throws saves nothing.
   */
  saveAndChange(
    principal: Principal,
    proposal: ProposalRecord,
    name: string,
    change: (room: Room) => void,
  ) {
    return this.#save(proposal.id, name, false, principal.person.id, change)
  }

  async #save(
    proposalId: string,
    name: string,
    auto: boolean,
    personId: string,
    change?: (room: Room) => void,
  ) {
    const content = await this.#withRoom(proposalId, (room) => {
      const encoded = {
        state: Y.encodeStateAsUpdate(room.doc),
        authorship: room.authorship.encode(),
      }
      change?.(room)
      return encoded
    })
    // Encoded in the same tick as this call: every change before it is in the version.
    this.auto.saved(proposalId)
    const record: VersionRecord = {
      id: newVersionId(),
      proposalId,
      name,
      auto,
      createdAt: new Date().toISOString(),
      createdBy: personId,
    }
    await this.#storage.versions.create(record, content)
    await recordSaved(this.#storage, this.#options.log, record)
    const shown = view(record, await lookupPeople(this.#storage))
    this.#rooms.peek(proposalId)?.sendEvent({ type: 'version', version: shown })
    if (auto) await this.#prune(proposalId)
    return shown
  }

  async #prune(proposalId: string): Promise<void> {
    const versions = await this.#storage.versions.list(proposalId)
    for (const versionId of versionsToPrune(versions, new Date())) {
      await this.#storage.versions.remove(proposalId, versionId)
      this.#docs.forget(proposalId, versionId)
    }
  }

  /** A version with its text exactly as saved (V2). */
  async read(proposal: ProposalRecord, versionId: string) {
    const record = await this.#record(proposal.id, versionId)
    const decoded = await this.#decoded(record)
    const { doc, text } = documentContent(decoded.fragment, this.#options.schema)
    return { ...view(record, await lookupPeople(this.#storage)), doc, text }
  }

  /**
   * A version's stored Yjs state with its name and time, undecoded: for work a
   * worker thread does (a DOCX export).
   * @throws AppError not_found for an unknown version
   */
  async stored(proposal: ProposalRecord, versionId: string) {
    const record = await this.#record(proposal.id, versionId)
    const content = await this.#storage.versions.content(proposal.id, versionId)
    if (!content) throw new AppError('not_found', 'Deze versie bestaat niet (meer).')
    return { name: record.name, createdAt: record.createdAt, state: content.state }
  }

  /**
   * Compares version `versionId` with version `against`, or with the live text
   * when `against` is `current` (V3). The older of the two is the base.
   */
  async diff(proposal: ProposalRecord, versionId: string, against: string) {
    const first = await this.#record(proposal.id, versionId)
    const people = await lookupPeople(this.#storage)
    const base = await this.#decoded(first)
    const accepted = AcceptedChanges.of(await this.#storage.threads.list(proposal.id))
    if (against === 'current') {
      const raw = await this.#withRoom(proposal.id, (room) =>
        diffDocuments(
          base.fragment,
          room.fragment,
          room.authorship,
          liveIdentities(room),
          accepted,
        ),
      )
      return comparisonView(raw, view(first, people), { id: 'current' }, people)
    }
    const second = await this.#record(proposal.id, against)
    const [older, newer] = isOlder(first, second) ? [first, second] : [second, first]
    const [a, b] = await Promise.all([this.#decoded(older), this.#decoded(newer)])
    const { record, identities } = b.authorship()
    const raw = diffDocuments(a.fragment, b.fragment, record, identities, accepted)
    return comparisonView(raw, view(older, people), view(newer, people), people)
  }

  /** Saves pending automatic versions (shutdown). */
  flush(): Promise<void> {
    return this.auto.flush()
  }

  async #record(proposalId: string, versionId: string): Promise<VersionRecord> {
    const record = await this.#storage.versions.get(proposalId, versionId)
    if (!record) throw new AppError('not_found', 'Deze versie bestaat niet (meer).')
    return record
  }

  async #decoded(record: VersionRecord) {
    const decoded = await this.#docs.get(record.proposalId, record.id)
    if (!decoded) throw new AppError('not_found', 'Deze versie bestaat niet (meer).')
    return decoded
  }

  /** Runs `work` with the proposal's room loaded, then lets it unload when idle. */
  async #withRoom<T>(proposalId: string, work: (room: Room) => T): Promise<T> {
    const room = await this.#rooms.get(proposalId)
    try {
      return work(room)
    } finally {
      this.#rooms.releaseIdle(room)
    }
  }
}

const isOlder = (a: VersionRecord, b: VersionRecord) =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)
