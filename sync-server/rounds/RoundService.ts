/**
 * Consultation rounds (contract R2, R8): an editor opens a round on a named
 * version with a closing date, which moves a concept to `consultatie`; until
 * then everyone with an organisation gives that organisation's position per
 * passage (`PositionService`). Changes are announced on the proposal's sockets
 * (E1) and noted in its activity.
 */
import { randomBytes } from 'node:crypto'
import { isFrozen, type Status } from '../../shared/roles.ts'
import type { ActivityLog } from '../activity/ActivityLog.ts'
import type { Principal } from '../auth/Principal.ts'
import { LocalLocks, type Locks } from '../cluster/Locks.ts'
import { AppError, invalidField } from '../errors.ts'
import type { ProposalRecord, RoundRecord, Storage } from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { lookupPeople } from '../versions/people.ts'
import { closesAtField, roundTitleField } from './input.ts'
import type { Passage } from './passages.ts'
import { RoundPositions } from './RoundPositions.ts'
import { citable } from './summary.ts'
import type { VersionPassages } from './VersionPassages.ts'
import { isOpen, type RoundView, roundView } from './views.ts'

/** Sets a proposal's status on behalf of an editor (as `PATCH …/proposals/:id` does). */
export type SetStatus = (
  editor: Principal,
  proposal: ProposalRecord,
  status: Status,
) => Promise<unknown>

/** Round ids sort by creation: `r-<time>-<random>`. */
const newRoundId = () => `r-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`

export class RoundService {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #passages: VersionPassages
  readonly #activity: ActivityLog
  readonly positions: RoundPositions
  /**
   * Opening a round and changing the status are one at a time per proposal (on
   * every instance), so two editors cannot open two rounds, and a round cannot
   * open on a proposal that is being made `vastgesteld`.
   */
  readonly locks: Locks
  readonly #setStatus: SetStatus

  /**
   * @param options.shared true when other instances write positions too (a
   *   cluster): then they are read from storage every time, not kept counted here
   * @param options.setStatus how opening a round moves a concept to `consultatie`
   */
  constructor(
    storage: Storage,
    rooms: Rooms,
    passages: VersionPassages,
    activity: ActivityLog,
    options: { shared: boolean; locks?: Locks; setStatus: SetStatus },
  ) {
    this.locks = options.locks ?? new LocalLocks()
    this.#setStatus = options.setStatus
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

  /**
   * Runs `work` while no round opens on the proposal and no other status change
   * runs (see `locks`).
   */
  whileStatusHolds<T>(proposalId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.withLock(`round:${proposalId}`, work)
  }

  /**
   * Opens a round on a named version (R2, R8): 422 for a wrong field, 409
   * while one is open, 409 `frozen` on a `vastgesteld` proposal; a `concept`
   * becomes `consultatie`.
   */
  open(editor: Principal, proposal: ProposalRecord, input: Record<string, unknown>) {
    return this.whileStatusHolds(proposal.id, () => this.#open(editor, proposal, input))
  }

  async #open(editor: Principal, known: ProposalRecord, input: Record<string, unknown>) {
    // The status as it is now, under the lock, not as the request found it.
    const proposal = (await this.#storage.proposals.get(known.id)) ?? known
    const versionId = typeof input.versionId === 'string' ? input.versionId : ''
    const version = versionId ? await this.#storage.versions.get(proposal.id, versionId) : undefined
    if (!version || version.auto) {
      throw invalidField('versionId', 'Kies een opgeslagen versie met een naam.')
    }
    const closesAt = closesAtField(input.closesAt)
    const rounds = await this.#storage.rounds.list(proposal.id)
    const title = roundTitleField(input.title) ?? `Consultatie ${rounds.length + 1}`
    if (rounds.some((round) => isOpen(round))) {
      throw new AppError('conflict', 'Er loopt al een consultatieronde. Sluit die eerst.')
    }
    if (isFrozen(proposal.status)) {
      throw new AppError(
        'frozen',
        'Dit voorstel is vastgesteld. Kies eerst een andere status om een consultatieronde te openen.',
      )
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
    const view = await this.#announce(round)
    if (proposal.status === 'concept') await this.#setStatus(editor, proposal, 'consultatie')
    return view
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

  /** Closes the proposal's open round, if any (the text became `vastgesteld`, R8). */
  async closeOpen(editor: Principal, proposal: ProposalRecord): Promise<void> {
    for (const round of await this.#storage.rounds.list(proposal.id))
      if (isOpen(round)) await this.close(editor, proposal, round.id)
  }

  async #announce(round: RoundRecord): Promise<RoundView> {
    const view = await this.view(round)
    this.event(round.proposalId, { type: 'round', round: view })
    return view
  }

  /** Sends an event (E1) to the proposal's sockets on every instance that holds it. */
  event(proposalId: string, event: { type: string } & Record<string, unknown>): void {
    this.#rooms.publish(proposalId, { kind: 'event', event })
  }

  /** The passages of the round's version that can take a position, by blockId. */
  async passages(round: RoundRecord): Promise<Passage[]> {
    const passages = await this.#passages.passages(round.proposalId, round.versionId)
    if (!passages) throw new AppError('not_found', 'De versie van deze ronde bestaat niet meer.')
    return passages
  }

  /** A passage of the round's version that can take a position; 404 for any other. */
  async block(round: RoundRecord, blockId: string) {
    const passage = citable(await this.passages(round)).find((p) => p.blockId === blockId)
    if (!passage) {
      throw new AppError('not_found', 'Deze passage staat niet in de versie van deze ronde.')
    }
    return passage
  }

  /** Forgets what is kept in memory of a proposal that left memory. */
  forget(proposalId: string): void {
    this.positions.forget(proposalId)
  }
}
