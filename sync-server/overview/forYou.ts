/**
 * "Voor u" on the overview: what asks for this person's action now — open
 * rounds in which their organisation has not yet given a position on every
 * passage (with the closing date), and open threads they took part in where
 * someone else spoke last.
 */
import { canSee, type Principal } from '../auth/Principal.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { RoundService } from '../rounds/RoundService.ts'
import { citable } from '../rounds/summary.ts'
import { isOpen } from '../rounds/views.ts'
import { lookupPeople } from '../versions/people.ts'

export async function forYou(storage: Storage, rounds: RoundService, viewer: Principal) {
  const { person } = viewer
  const proposals = (await storage.proposals.list()).filter((p) => canSee(viewer, p.id))
  const people = await lookupPeople(storage)
  const openRounds = []
  const threads = []
  for (const proposal of proposals) {
    if (person.organisation && person.role !== 'editor') {
      for (const round of await storage.rounds.list(proposal.id)) {
        if (!isOpen(round)) continue
        const passages = citable(await rounds.passages(round))
        const tally = await rounds.positions.tally(proposal.id, round.id)
        const answered = passages.filter((passage) =>
          tally.current(passage.blockId).some((p) => p.organisation === person.organisation),
        ).length
        if (answered >= passages.length) continue
        openRounds.push({
          proposalId: proposal.id,
          proposalTitle: proposal.title,
          roundId: round.id,
          title: round.title,
          closesAt: round.closesAt,
          answered,
          total: passages.length,
        })
      }
    }
    for (const thread of await storage.threads.list(proposal.id)) {
      if (thread.status !== 'open') continue
      const spoken = thread.comments.filter((c) => !c.deleted)
      const tookPart =
        thread.createdBy === person.id || spoken.some((c) => c.authorId === person.id)
      const last = spoken.at(-1)
      if (!tookPart || !last || last.authorId === person.id) continue
      threads.push({
        proposalId: proposal.id,
        proposalTitle: proposal.title,
        threadId: thread.id,
        quote: thread.quote,
        lastBy: people(last.authorId),
        lastAt: last.createdAt,
      })
    }
  }
  openRounds.sort((a, b) => a.closesAt.localeCompare(b.closesAt))
  threads.sort((a, b) => b.lastAt.localeCompare(a.lastAt))
  return { rounds: openRounds, threads: threads.slice(0, 20) }
}
