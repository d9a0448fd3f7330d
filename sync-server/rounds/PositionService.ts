/**
 * Positions of organisations on the passages of a round (contract R4): the
 * latest of an organisation counts, earlier ones stay in the history, each
 * with the person who gave it.
 *
 * Two people of one organisation may answer the same passage at the same
 * moment. A position that says which one it `replaces` (the id the sender saw,
 * or null for none) is refused with 409 `conflict` when another was given
 * meanwhile, so nobody replaces a colleague's position unseen. The check and
 * the append run under one lock per organisation and passage, on every instance.
 */
import { randomBytes } from 'node:crypto'
import { byOrganisation } from '../../shared/collation.ts'
import { POSITION_LABELS } from '../../shared/rounds.ts'
import type { Principal } from '../auth/Principal.ts'
import { AppError } from '../errors.ts'
import type { PositionRecord, ProposalRecord, Storage } from '../persistence/Storage.ts'
import { lookupPeople } from '../versions/people.ts'
import { positionInput } from './input.ts'
import { memberOrganisations, responseCounts } from './members.ts'
import type { RoundService } from './RoundService.ts'
import type { Tally } from './Tally.ts'
import { isOpen, positionId, positionView } from './views.ts'

/** Position ids sort by time: `s-<time>-<random>`. */
const newPositionId = () => `s-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`

/** Thrown inside the append when the organisation's position is not the one replaced. */
class NotTheSeenPosition extends Error {
  readonly current: PositionRecord | undefined
  constructor(current: PositionRecord | undefined) {
    super('another position was given meanwhile')
    this.current = current
  }
}

export class PositionService {
  readonly #storage: Storage
  readonly #rounds: RoundService

  constructor(storage: Storage, rounds: RoundService) {
    this.#storage = storage
    this.#rounds = rounds
  }

  /**
   * Records the position of the person's organisation on a passage (R4).
   * @throws AppError 404, 409 `round_closed`, 422, or 409 `conflict` (with
   *   `details.current`, the position now) when `replaces` is not the current one
   */
  async give(
    person: Principal,
    proposal: ProposalRecord,
    roundId: string,
    blockId: string,
    input: Record<string, unknown>,
  ) {
    const round = await this.#rounds.record(proposal.id, roundId)
    const passage = await this.#rounds.block(round, blockId)
    if (!isOpen(round)) {
      throw new AppError('round_closed', 'Deze consultatieronde is gesloten.')
    }
    const { position, reason, replaces } = positionInput(input)
    const organisation = person.person.organisation!
    const record: PositionRecord = {
      id: newPositionId(),
      roundId: round.id,
      blockId,
      organisation,
      province: person.person.province,
      position,
      reason,
      personId: person.person.id,
      createdAt: new Date().toISOString(),
    }
    const check = (tally: Tally) => {
      if (replaces === undefined) return
      const current = tally.currentOf(blockId, organisation)
      if ((current ? positionId(current) : null) !== replaces) throw new NotTheSeenPosition(current)
    }
    const key = `position:${proposal.id}/${round.id}/${blockId}/${organisation}`
    const tally = await this.#rounds.locks
      .withLock(key, () => this.#rounds.positions.add(proposal.id, record, check))
      .catch(async (error: unknown) => {
        if (error instanceof NotTheSeenPosition) throw await this.#conflict(error.current)
        throw error
      })
    const people = await this.#storage.people.list()
    const members = memberOrganisations(people, proposal.id, tally.answered())
    this.#rounds.event(proposal.id, {
      type: 'position',
      roundId: round.id,
      blockId,
      number: passage.number,
      organisation,
      counts: tally.counts(blockId),
      responded: responseCounts(members).responded,
    })
    return positionView(record, await lookupPeople(this.#storage))
  }

  /** "Mark van Gemeente Zwolle gaf intussen 'Akkoord'.", with the position now in `details`. */
  async #conflict(current: PositionRecord | undefined): Promise<AppError> {
    if (!current) {
      return new AppError('conflict', 'Het standpunt dat u wilde vervangen, bestaat niet.', {
        details: { field: 'replaces', current: null },
      })
    }
    const view = positionView(current, await lookupPeople(this.#storage))
    const label = POSITION_LABELS[current.position]
    return new AppError(
      'conflict',
      `${view.person.name} van ${current.organisation} gaf intussen ‘${label}’. Bekijk het en kies of u het vervangt.`,
      { details: { field: 'replaces', current: view } },
    )
  }

  /** A passage's positions: the latest of each organisation, and all of them, oldest first. */
  async of(proposal: ProposalRecord, roundId: string, blockId: string) {
    const round = await this.#rounds.record(proposal.id, roundId)
    await this.#rounds.block(round, blockId)
    const tally = await this.#rounds.positions.tally(proposal.id, round.id)
    const people = await lookupPeople(this.#storage)
    return {
      current: tally
        .current(blockId)
        .map((r) => positionView(r, people))
        .sort(byOrganisation),
      history: tally.historyOf(blockId).map((r) => positionView(r, people)),
    }
  }
}
