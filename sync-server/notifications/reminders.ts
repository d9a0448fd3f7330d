/**
 * Three days before a round closes, a reminder to the people of each member
 * organisation that has not yet given a position on every passage (M4).
 * Member organisations are those invited to the round (R5) other than the
 * editors' own (the VNG). Each round is reminded once; the notifications' ids
 * make a second run (another instance, a restart) add nothing.
 */
import { canSee } from '../auth/Principal.ts'
import { isActive } from '../people/email.ts'
import type { Storage } from '../persistence/Storage.ts'
import { memberOrganisations } from '../rounds/members.ts'
import type { RoundService } from '../rounds/RoundService.ts'
import { citable } from '../rounds/summary.ts'
import { isOpen } from '../rounds/views.ts'
import type { Notifier } from './Notifier.ts'

/** How long before closing the reminder goes. */
export const REMIND_BEFORE_MS = 3 * 24 * 60 * 60 * 1000

export async function sendReminders(
  storage: Storage,
  rounds: RoundService,
  notifier: Notifier,
  now: number,
): Promise<number> {
  let added = 0
  const people = await storage.people.list()
  for (const proposal of await storage.proposals.list()) {
    for (const round of await storage.rounds.list(proposal.id)) {
      const closes = Date.parse(round.closesAt)
      if (!isOpen(round, now) || closes - now > REMIND_BEFORE_MS) continue
      // A round opened for three days or less: its opening notice already says when it closes.
      if (closes - Date.parse(round.createdAt) <= REMIND_BEFORE_MS) continue
      const marker = `reminded:${round.id}`
      if (await storage.settings.get(marker)) continue
      const passages = citable(await rounds.passages(round))
      const tally = await rounds.positions.tally(proposal.id, round.id)
      const answered = new Map<string, number>()
      for (const passage of passages)
        for (const position of tally.current(passage.blockId))
          answered.set(position.organisation, (answered.get(position.organisation) ?? 0) + 1)
      const records = []
      // The member organisations of R5 (the VNG left out), whoever has not answered yet.
      for (const { organisation } of memberOrganisations(people, proposal.id, new Map())) {
        const count = answered.get(organisation) ?? 0
        if (count >= passages.length) continue
        for (const person of people) {
          if (person.organisation !== organisation || !isActive(person)) continue
          if (!canSee({ person }, proposal.id)) continue
          records.push(
            notifier.record(person.id, 'reminder', proposal, `remind-${round.id}-${person.id}`, {
              roundId: round.id,
              roundTitle: round.title,
              closesAt: round.closesAt,
              organisation,
              answered: count,
              total: passages.length,
            }),
          )
        }
      }
      added += (await storage.notifications.add(records)).length
      await storage.settings.put(marker, { at: new Date(now).toISOString() })
    }
  }
  return added
}
