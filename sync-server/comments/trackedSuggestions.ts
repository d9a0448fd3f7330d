/**
 * The current text with its open suggestions as tracked changes (W2): each
 * open amendment whose text still reads as its quote, where it is now, by its
 * proposer's name and organisation and the time it was made.
 */
import type { TrackedChange } from '../export/trackedChanges.ts'
import { peopleById } from '../people/peopleById.ts'
import type { PersonRecord, ProposalRecord, Storage } from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { resolveAnchor } from './anchors.ts'
import { LinearText } from './LinearText.ts'

/** How Word shows who made a change: "Anna Jansen (Gemeente Zwolle)". */
function authorOf(person: PersonRecord | undefined): string {
  if (!person) return 'Onbekend'
  return person.organisation ? `${person.name} (${person.organisation})` : person.name
}

/**
 * The text of `proposal` now (its encoded Yjs state, read in the export's worker)
 * and its open suggestions at offsets of that same state.
 */
export async function trackedState(
  services: { storage: Storage; rooms: Rooms },
  proposal: ProposalRecord,
): Promise<{ state: Uint8Array; changes: TrackedChange[] }> {
  const threads = await services.storage.threads.list(proposal.id)
  const people = await peopleById(services.storage)
  const room = await services.rooms.get(proposal.id)
  try {
    // One synchronous turn: the state and the offsets describe the same text.
    const state = room.encodedState()
    const linear = new LinearText(room.fragment)
    const changes: TrackedChange[] = []
    for (const thread of threads) {
      if (thread.kind !== 'amendment' || thread.status !== 'open' || thread.applied) continue
      if (!thread.anchor.anchored || thread.replacement === null) continue
      const at = resolveAnchor(thread, room.doc, linear, room.authorship.provenance)
      // Text someone changed since cannot be replaced as proposed: it is not a change Word can show.
      if (!at.anchored || linear.value.slice(at.from, at.to) !== thread.quote) continue
      changes.push({
        from: at.from,
        to: at.to,
        replacement: thread.replacement,
        author: authorOf(people.get(thread.createdBy)),
        date: thread.createdAt,
      })
    }
    return { state, changes }
  } finally {
    services.rooms.releaseIdle(room)
  }
}
