/**
 * What a round adds up to: the summary per passage (R5), the open rounds with
 * their response rate for the overview, and the response memorandum (R7).
 */
import type { ProposalRecord, Storage } from '../persistence/Storage.ts'
import { lookupPeople } from '../versions/people.ts'
import { buildMemorandum, type Memorandum } from './memorandum/model.ts'
import type { RoundService } from './RoundService.ts'
import { invitedOrganisations, summaryBlocks } from './summary.ts'
import { isOpen } from './views.ts'

export class RoundReports {
  readonly #storage: Storage
  readonly #rounds: RoundService

  constructor(storage: Storage, rounds: RoundService) {
    this.#storage = storage
    this.#rounds = rounds
  }

  /** R5: who responded of the organisations invited, and per passage the counts. */
  async summary(proposal: ProposalRecord, roundId: string) {
    const round = await this.#rounds.record(proposal.id, roundId)
    const [passages, tally, people, view] = await Promise.all([
      this.#rounds.passages(round),
      this.#rounds.positions.tally(proposal.id, round.id),
      this.#storage.people.list(),
      this.#rounds.view(round),
    ])
    return {
      round: view,
      responded: tally.responded,
      invited: invitedOrganisations(people, proposal.id).size,
      blocks: summaryBlocks(passages, tally),
    }
  }

  /** The open rounds of the given proposals, each with its response rate. */
  async openRounds(proposals: readonly ProposalRecord[]) {
    const people = await this.#storage.people.list()
    const found = []
    for (const proposal of proposals) {
      for (const round of await this.#storage.rounds.list(proposal.id)) {
        if (!isOpen(round)) continue
        const tally = await this.#rounds.positions.tally(proposal.id, round.id)
        found.push({
          ...(await this.#rounds.view(round)),
          responded: tally.responded,
          invited: invitedOrganisations(people, proposal.id).size,
        })
      }
    }
    return found
  }

  /** The response memorandum of a round, as one model for every format (R7). */
  async memorandum(proposal: ProposalRecord, roundId: string): Promise<Memorandum> {
    const round = await this.#rounds.record(proposal.id, roundId)
    const [passages, tally, people, view, threads, lookup] = await Promise.all([
      this.#rounds.passages(round),
      this.#rounds.positions.tally(proposal.id, round.id),
      this.#storage.people.list(),
      this.#rounds.view(round),
      this.#storage.threads.list(proposal.id),
      lookupPeople(this.#storage),
    ])
    return buildMemorandum({
      proposalTitle: proposal.title,
      round: view,
      passages,
      tally,
      threads,
      people: lookup,
      responded: tally.responded,
      invited: invitedOrganisations(people, proposal.id).size,
    })
  }
}
