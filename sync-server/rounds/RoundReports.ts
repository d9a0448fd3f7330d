/**
 * What a round adds up to: the summary per passage with the member
 * organisations (R5), the open rounds with their response rate for the
 * overview, and the response memorandum (R7).
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { ProposalRecord, Storage } from '../persistence/Storage.ts'
import { lookupPeople } from '../versions/people.ts'
import { memberOrganisations, responseCounts } from './members.ts'
import { FreshSharedBuilds } from './memorandum/FreshSharedBuilds.ts'
import { buildMemorandum, type Memorandum } from './memorandum/model.ts'
import type { ResponseService } from './ResponseService.ts'
import type { RoundService } from './RoundService.ts'
import { summaryBlocks } from './summary.ts'
import { isOpen, responseView } from './views.ts'

export class RoundReports {
  readonly #storage: Storage
  readonly #rounds: RoundService
  readonly #responses: ResponseService
  /** Requests for the same reactienota that arrive together share one build. */
  readonly #memoranda: FreshSharedBuilds<Memorandum>

  /** @param memorandumGapMs while downloads keep coming, the least time between two builds' reading (see `FreshSharedBuilds`) */
  constructor(
    storage: Storage,
    rounds: RoundService,
    responses: ResponseService,
    memorandumGapMs = 0,
  ) {
    this.#storage = storage
    this.#rounds = rounds
    this.#responses = responses
    this.#memoranda = new FreshSharedBuilds(memorandumGapMs)
  }

  /**
   * R5: how many member organisations responded of those invited, which ones
   * (with their province), and per passage the counts and the VNG's response.
   */
  async summary(proposal: ProposalRecord, roundId: string) {
    const round = await this.#rounds.record(proposal.id, roundId)
    const [passages, tally, people, view, responses, lookup] = await Promise.all([
      this.#rounds.passages(round),
      this.#rounds.positions.tally(proposal.id, round.id),
      this.#storage.people.list(),
      this.#rounds.view(round),
      this.#responses.current(proposal.id, round.id),
      lookupPeople(this.#storage),
    ])
    const organisations = memberOrganisations(people, proposal.id, tally.answered())
    return {
      round: view,
      ...responseCounts(organisations),
      organisations,
      blocks: summaryBlocks(passages, tally).map((block) => {
        const response = responses.get(block.blockId)
        return { ...block, response: response ? responseView(response, lookup) : null }
      }),
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
          ...responseCounts(memberOrganisations(people, proposal.id, tally.answered())),
        })
      }
    }
    return found
  }

  /** The response memorandum of a round, as one model for every format (R7). */
  memorandum(proposal: ProposalRecord, roundId: string): Promise<Memorandum> {
    return this.#memoranda.get(`${proposal.id}/${roundId}`, () =>
      this.#buildMemorandum(proposal, roundId),
    )
  }

  async #buildMemorandum(proposal: ProposalRecord, roundId: string): Promise<Memorandum> {
    const round = await this.#rounds.record(proposal.id, roundId)
    const [passages, tally, people, view, threads, lookup, responses] = await Promise.all([
      this.#rounds.passages(round),
      this.#rounds.positions.tally(proposal.id, round.id),
      this.#storage.people.list(),
      this.#rounds.view(round),
      this.#storage.threads.listReadOnly(proposal.id),
      lookupPeople(this.#storage),
      this.#responses.current(proposal.id, round.id),
    ])
    // Reading (copies of every thread) and building are each milliseconds of work for
    // a large round; between them, what arrived on the sockets is served.
    await nextTurn()
    return buildMemorandum({
      proposalTitle: proposal.title,
      round: view,
      passages,
      tally,
      threads,
      responses,
      members: memberOrganisations(people, proposal.id, tally.answered()),
      people: lookup,
    })
  }
}
