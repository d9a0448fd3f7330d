/**
 * Consultation rounds (contract R2, R4, R5): an editor opens a round on a named
 * version with a closing date; until then everyone with an organisation gives
 * that organisation's position per passage of the version. Changes are
 * announced on the proposal's sockets (E1) and noted in its activity.
 */
import { randomBytes } from 'node:crypto'
import type { ActivityLog } from '../activity/ActivityLog.ts'
import type { Principal } from '../auth/Principal.ts'
import { LocalLocks, type Locks } from '../cluster/Locks.ts'
import { AppError, invalidField } from '../errors.ts'
import type {
  PositionRecord,
  ProposalRecord,
  RoundRecord,
  Storage,
} from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { lookupPeople } from '../versions/people.ts'
import { closesAtField, positionInput, roundTitleField } from './input.ts'
import type { Passage } from './passages.ts'
import { RoundPositions } from './RoundPositions.ts'
import { citable } from './summary.ts'
import type { VersionPassages } from './VersionPassages.ts'
import { isOpen, positionView, type RoundView, roundView } from './views.ts'

/** Round ids sort by creation: `r-<time>-<random>`. */
const newRoundId = () => `r-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`

export class RoundService {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #passages: VersionPassages
  readonly #activity: ActivityLog
  readonly positions: RoundPositions
  /** Opening is one at a time per proposal (on every instance), so two editors cannot open two rounds. */
  readonly #locks: Locks

  /**
   * @param options.shared true when other instances write positions too (a
   *   cluster): then they are read from storage every time, not kept counted here
   */
  constructor(
    storage: Storage,
    rooms: Rooms,
    passages: VersionPassages,
    activity: ActivityLog,
    options: { shared: boolean; locks?: Locks } = { shared: false },
  ) {
    this.#locks = options.locks ?? new LocalLocks()
    this.#storage = storage
    this.#rooms = rooms
    this.#passages = passages
    this.#activity = activity
    this.positions = new RoundPositions(storage, { keep: !options.shared })
  }

  /** A round as the API shows it. */
  async view(round: RoundRecord): Promise<RoundView> {
    const version = await this.#storage.versions.get(round.proposalId, round.versionId)
    return roundView(round, version?.name ?? '', await lookupPeople(this.#storage))
  }

  /** The rounds of a proposal, newest first (R2). */
  async list(proposal: ProposalRecord): Promise<RoundView[]> {
    const rounds = await this.#storage.rounds.list(proposal.id)
    rounds.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    return Promise.all(rounds.map((round) => this.view(round)))
  }

  async record(proposalId: string, roundId: string): Promise<RoundRecord> {
    const round = await this.#storage.rounds.get(proposalId, roundId)
    if (!round) throw new AppError('not_found', 'Deze consultatieronde bestaat niet.')
    return round
  }

  async get(proposal: ProposalRecord, roundId: string): Promise<RoundView> {
    return this.view(await this.record(proposal.id, roundId))
  }

  /** Opens a round on a named version (R2): 422 for a wrong field, 409 while one is open. */
  open(editor: Principal, proposal: ProposalRecord, input: Record<string, unknown>) {
    return this.#locks.withLock(`round:${proposal.id}`, () => this.#open(editor, proposal, input))
  }

  async #open(editor: Principal, proposal: ProposalRecord, input: Record<string, unknown>) {
    const versionId = typeof input.versionId === 'string' ? input.versionId : ''
    const version = versionId ? await this.#storage.versions.get(proposal.id, versionId) : undefined
    if (!version || version.auto) {
      throw invalidField('versionId', 'Kies een opgeslagen versie met een naam.')
    }
    const closesAt = closesAtField(input.closesAt)
    const title = roundTitleField(input.title) ?? `Consultatie op ${version.name}`
    const rounds = await this.#storage.rounds.list(proposal.id)
    if (rounds.some((round) => isOpen(round))) {
      throw new AppError('conflict', 'Er loopt al een consultatieronde. Sluit die eerst.')
    }
    const round: RoundRecord = {
      id: newRoundId(),
      proposalId: proposal.id,
      versionId: version.id,
      title,
      closesAt,
      createdAt: new Date().toISOString(),
      createdBy: editor.person.id,
    }
    await this.#storage.rounds.put(round)
    await this.#activity.record('round.opened', editor.person.id, proposal.id, {
      roundId: round.id,
      versionId: version.id,
      title,
      closesAt,
    })
    return this.#announce(round)
  }

  /** Closes a round now (an editor ends it early); a closed round stays as it is. */
  async close(editor: Principal, proposal: ProposalRecord, roundId: string) {
    const round = await this.record(proposal.id, roundId)
    if (!isOpen(round)) return this.view(round)
    const closed = { ...round, closesAt: new Date().toISOString() }
    await this.#storage.rounds.put(closed)
    await this.#activity.record('round.closed', editor.person.id, proposal.id, {
      roundId: round.id,
    })
    return this.#announce(closed)
  }

  async #announce(round: RoundRecord): Promise<RoundView> {
    const view = await this.view(round)
    this.#event(round.proposalId, { type: 'round', round: view })
    return view
  }

  /** Sends an event (E1) to the proposal's sockets on every instance that holds it. */
  #event(proposalId: string, event: { type: string } & Record<string, unknown>): void {
    this.#rooms.publish(proposalId, { kind: 'event', event })
  }

  /** The passages of the round's version that can take a position, by blockId. */
  async passages(round: RoundRecord): Promise<Passage[]> {
    const passages = await this.#passages.passages(round.proposalId, round.versionId)
    if (!passages) throw new AppError('not_found', 'De versie van deze ronde bestaat niet meer.')
    return passages
  }

  async #block(round: RoundRecord, blockId: string) {
    const passage = citable(await this.passages(round)).find((p) => p.blockId === blockId)
    if (!passage) {
      throw new AppError('not_found', 'Deze passage staat niet in de versie van deze ronde.')
    }
    return passage
  }

  /**
   * Records the position of the person's organisation on a passage (R4): the
   * latest counts, earlier ones stay in the history.
   */
  async putPosition(
    person: Principal,
    proposal: ProposalRecord,
    roundId: string,
    blockId: string,
    input: Record<string, unknown>,
  ) {
    const round = await this.record(proposal.id, roundId)
    const passage = await this.#block(round, blockId)
    if (!isOpen(round)) {
      throw new AppError('round_closed', 'Deze consultatieronde is gesloten.')
    }
    const { position, reason } = positionInput(input)
    const record: PositionRecord = {
      roundId: round.id,
      blockId,
      organisation: person.person.organisation!,
      province: person.person.province,
      position,
      reason,
      personId: person.person.id,
      createdAt: new Date().toISOString(),
    }
    const tally = await this.positions.add(proposal.id, record)
    this.#event(proposal.id, {
      type: 'position',
      roundId: round.id,
      blockId,
      number: passage.number,
      organisation: record.organisation,
      counts: tally.counts(blockId),
      responded: tally.responded,
    })
    return positionView(record, await lookupPeople(this.#storage))
  }

  /** A passage's positions: the latest of each organisation, and all of them, oldest first. */
  async positionsOf(proposal: ProposalRecord, roundId: string, blockId: string) {
    const round = await this.record(proposal.id, roundId)
    await this.#block(round, blockId)
    const tally = await this.positions.tally(proposal.id, round.id)
    const people = await lookupPeople(this.#storage)
    const byOrganisation = (a: { organisation: string }, b: { organisation: string }) =>
      a.organisation.localeCompare(b.organisation, 'nl', { numeric: true })
    return {
      current: tally
        .current(blockId)
        .map((r) => positionView(r, people))
        .sort(byOrganisation),
      history: tally.historyOf(blockId).map((r) => positionView(r, people)),
    }
  }

  /** Forgets what is kept in memory of a proposal that left memory. */
  forget(proposalId: string): void {
    this.positions.forget(proposalId)
  }
}
