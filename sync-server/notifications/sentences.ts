/**
 * The Dutch sentence of each notification, for the "Meldingen" list and for
 * mails alike. What it needs was stored with the notification.
 */
import { formatDate, formatDateTime } from '../../shared/dates.ts'
import type { NotificationRecord } from '../persistence/Storage.ts'

const DECISIONS: Record<string, string> = {
  verwerkt: 'verwerkt',
  'deels-verwerkt': 'deels verwerkt',
  'niet-verwerkt': 'niet verwerkt',
}

/** At most 80 characters of a quote, in Dutch quotation marks. */
export function quoted(text: unknown): string {
  const plain = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  return `‘${plain.length > 80 ? `${plain.slice(0, 79)}…` : plain}’`
}

export function sentenceOf(record: Pick<NotificationRecord, 'kind' | 'data'>): string {
  const d = record.data
  const title = String(d.proposalTitle ?? '')
  switch (record.kind) {
    case 'reply':
      return `${d.by} reageerde op ${quoted(d.quote)} in ${title}.`
    case 'decision': {
      const what = d.threadKind === 'amendment' ? 'Uw wijzigingsvoorstel' : 'Uw reactie'
      const outcome = DECISIONS[String(d.decision)]
      return outcome
        ? `${what} bij ${quoted(d.quote)} in ${title} is afgehandeld: ${outcome}.`
        : `${what} bij ${quoted(d.quote)} in ${title} is afgehandeld.`
    }
    case 'round':
      return `Er is een consultatieronde geopend op ${title}: ${d.roundTitle}. Geef het standpunt van uw organisatie vóór ${formatDateTime(String(d.closesAt))}.`
    case 'reminder':
      return `Herinnering: de consultatieronde op ${title} sluit op ${formatDate(String(d.closesAt))}. ${d.organisation} heeft nog niet bij elke passage een standpunt gegeven (${d.answered} van ${d.total}).`
  }
}
