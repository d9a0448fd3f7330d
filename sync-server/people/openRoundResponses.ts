/**
 * For the people page's filter "gereageerd in de open ronde": per person with
 * an organisation who may see a proposal with an open round, whether that
 * organisation gave a position in every such round (`responded`) or not yet
 * in at least one (`waiting`). People without an open round are left out.
 */
import { canSee } from '../auth/Principal.ts'
import type { PersonRecord, Storage } from '../persistence/Storage.ts'
import type { RoundService } from '../rounds/RoundService.ts'
import { isOpen } from '../rounds/views.ts'
import { isActive } from './email.ts'

export async function openRoundResponses(
  storage: Storage,
  rounds: RoundService,
  people: readonly PersonRecord[],
): Promise<Record<string, 'responded' | 'waiting'>> {
  const open: Array<{ proposalId: string; organisations: Set<string> }> = []
  for (const proposal of await storage.proposals.list()) {
    for (const round of await storage.rounds.list(proposal.id)) {
      if (!isOpen(round)) continue
      const tally = await rounds.positions.tally(proposal.id, round.id)
      open.push({
        proposalId: proposal.id,
        organisations: new Set(tally.history.map((position) => position.organisation)),
      })
    }
  }
  const answer: Record<string, 'responded' | 'waiting'> = {}
  for (const person of people) {
    if (!person.organisation || !isActive(person)) continue
    const theirs = open.filter((round) => canSee({ person }, round.proposalId))
    if (theirs.length === 0) continue
    const organisation = person.organisation
    answer[person.id] = theirs.every((round) => round.organisations.has(organisation))
      ? 'responded'
      : 'waiting'
  }
  return answer
}
