/**
 * The VNG's response to a passage of a round ("Reactie VNG"): what the editors
 * answer the members, and how the text takes it up. It opens that passage in
 * the memorandum (R7). Responses are appended like positions — the latest per
 * passage counts, an empty text takes it back — so two editors answering two
 * passages at once through two instances both keep theirs.
 */
import type { Principal } from '../auth/Principal.ts'
import type { ProposalRecord, ResponseRecord, Storage } from '../persistence/Storage.ts'
import { lookupPeople } from '../versions/people.ts'
import { responseInput } from './input.ts'
import type { RoundService } from './RoundService.ts'
import { responseView } from './views.ts'

export class ResponseService {
  readonly #storage: Storage
  readonly #rounds: RoundService

  constructor(storage: Storage, rounds: RoundService) {
    this.#storage = storage
    this.#rounds = rounds
  }

  /**
   * Sets the response to a passage of the round's version, also after the round
   * closed (the memorandum is written then). Event `response` (E1).
   * @throws AppError 404 for a passage not in the round's version, 422 without a text
   */
  async put(
    editor: Principal,
    proposal: ProposalRecord,
    roundId: string,
    blockId: string,
    input: Record<string, unknown>,
  ) {
    const round = await this.#rounds.record(proposal.id, roundId)
    await this.#rounds.block(round, blockId)
    const text = responseInput(input)
    const record: ResponseRecord = {
      roundId: round.id,
      blockId,
      text,
      personId: editor.person.id,
      createdAt: new Date().toISOString(),
    }
    await this.#storage.rounds.addResponse(proposal.id, record)
    const view = responseView(record, await lookupPeople(this.#storage))
    this.#rounds.event(proposal.id, { type: 'response', roundId: round.id, response: view })
    return view
  }

  /** blockId → the response that counts now; passages whose response was taken back are left out. */
  async current(proposalId: string, roundId: string): Promise<Map<string, ResponseRecord>> {
    const latest = new Map<string, ResponseRecord>()
    for (const record of await this.#storage.rounds.responses(proposalId, roundId))
      latest.set(record.blockId, record)
    for (const [blockId, record] of latest) if (record.text === '') latest.delete(blockId)
    return latest
  }

  /** The responses of a round in the text order of its version. */
  async list(proposal: ProposalRecord, roundId: string) {
    const round = await this.#rounds.record(proposal.id, roundId)
    const [passages, current, people] = await Promise.all([
      this.#rounds.passages(round),
      this.current(proposal.id, round.id),
      lookupPeople(this.#storage),
    ])
    return passages.flatMap((passage) => {
      const record = passage.blockId ? current.get(passage.blockId) : undefined
      return record ? [responseView(record, people)] : []
    })
  }
}
