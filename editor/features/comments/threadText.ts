import { sliceWhole } from '../../../shared/codePoints.ts'
import type { Person } from '../../lib/types.ts'
import { DECISION_LABELS, type Thread } from './types.ts'

/** "Opmerking" or "Wijzigingsvoorstel". */
export function kindLabel(thread: Thread): string {
  return thread.kind === 'amendment' ? 'Wijzigingsvoorstel' : 'Opmerking'
}

/** "Open", or "Afgehandeld: Deels verwerkt". */
export function statusLabel(thread: Thread): string {
  if (thread.status === 'open') return 'Open'
  return thread.decision ? `Afgehandeld: ${DECISION_LABELS[thread.decision]}` : 'Afgehandeld'
}

/** "Anna Jansen (Gemeente Zwolle)", or the name alone. */
export function personLabel(person: Pick<Person, 'name' | 'organisation'>): string {
  return person.organisation ? `${person.name} (${person.organisation})` : person.name
}

/** "Geen antwoorden", "1 antwoord", "3 antwoorden". */
export function repliesText(thread: Thread): string {
  const count = Math.max(0, thread.comments.length - 1)
  if (count === 0) return 'Geen antwoorden'
  return count === 1 ? '1 antwoord' : `${count} antwoorden`
}

/** The quote shortened for the list, on whole words where it can. */
export function excerpt(quote: string, max = 90): string {
  const flat = quote.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = sliceWhole(flat, max)
  // A cut right before a space ends on a whole word already.
  const space = flat[max] === ' ' ? max : cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/**
 * What the live region says when others' changes arrive: new threads by
 * others, and news (replies, decisions) on the person's own threads.
 */
export function arrivalText(started: Thread[], news: Thread[]): string {
  const parts: string[] = []
  if (started.length === 1) parts.push(`Nieuwe reactie van ${started[0]!.createdBy.name}.`)
  if (started.length > 1) parts.push(`${started.length} nieuwe reacties.`)
  if (news.length === 1) parts.push(`Nieuw bij uw reactie op “${excerpt(news[0]!.quote, 40)}”.`)
  if (news.length > 1) parts.push(`Nieuws bij ${news.length} van uw reacties.`)
  return parts.join(' ')
}
