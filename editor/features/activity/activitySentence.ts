import { sliceWhole } from '../../../shared/codePoints.ts'
import { formatDateTime } from '../../../shared/dates.ts'
import { isStatus, STATUS_LABELS } from '../../../shared/roles.ts'
import type { ActivityEntry } from './types.ts'

/** Titles of proposals by id, to name them in "uitgenodigd voor …". */
export type ProposalTitles = ReadonlyMap<string, string>

/** How an editor's decision on a reaction reads inside a sentence. */
const DECISIONS: Record<string, string> = {
  verwerkt: 'verwerkt',
  'deels-verwerkt': 'deels verwerkt',
  'niet-verwerkt': 'niet verwerkt',
}

/** "als …" for each role, as the invitation sentence says it. */
const ROLES: Record<string, string> = {
  reviewer: 'als lid (lezen en reageren)',
  writer: 'als werkgroeplid (schrijven)',
  editor: 'als redacteur (VNG-redactie)',
}

/** Long quotes and titles are cut, so one line stays one line. */
const MAX_QUOTE = 60

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null

function quoted(value: unknown): string | null {
  const plain = text(value)?.replace(/\s+/g, ' ')
  if (!plain) return null
  return `‘${plain.length > MAX_QUOTE ? `${sliceWhole(plain, MAX_QUOTE - 1).trimEnd()}…` : plain}’`
}

function statusWord(value: unknown): string | null {
  return isStatus(value) ? STATUS_LABELS[value].toLowerCase() : null
}

function proposalsPart(value: unknown, titles: ProposalTitles): string {
  if (value === '*') return ' voor alle voorstellen'
  if (!Array.isArray(value) || value.length === 0) return ''
  const names = value.map((id) => titles.get(String(id)) ?? String(id))
  const last = names.pop()!
  return ` voor ${names.length > 0 ? `${names.join(', ')} en ${last}` : last}`
}

/** Everything after the actor's name: "heeft de status gewijzigd van …". */
function whatHappened(entry: ActivityEntry, titles: ProposalTitles): string {
  const { details } = entry
  const onQuote = quoted(details.quote) ? ` bij ${quoted(details.quote)}` : ''
  const subject = entry.subject?.name ?? 'iemand'
  switch (entry.type) {
    case 'version.saved': {
      const name = quoted(details.name)
      return name ? `heeft versie ${name} opgeslagen` : 'heeft een versie opgeslagen'
    }
    case 'version.restored': {
      const name = quoted(details.name)
      return name ? `heeft versie ${name} teruggezet` : 'heeft een eerdere versie teruggezet'
    }
    case 'thread.resolved': {
      const decision = DECISIONS[String(details.decision)]
      return `heeft een reactie afgehandeld${decision ? ` (${decision})` : ''}${onQuote}`
    }
    case 'thread.reopened':
      return `heeft een afgehandelde reactie weer geopend${onQuote}`
    case 'amendment.accepted':
      return `heeft een wijzigingsvoorstel overgenomen${onQuote}`
    case 'amendment.rejected':
      return `heeft een wijzigingsvoorstel afgewezen${onQuote}`
    case 'status.changed': {
      const from = statusWord(details.from)
      const to = statusWord(details.to)
      if (from && to) return `heeft de status gewijzigd van ${from} naar ${to}`
      return to ? `heeft de status gewijzigd naar ${to}` : 'heeft de status gewijzigd'
    }
    case 'title.changed': {
      const to = quoted(details.to)
      return to ? `heeft de titel gewijzigd in ${to}` : 'heeft de titel gewijzigd'
    }
    case 'proposal.created': {
      const title = quoted(details.title)
      return title ? `heeft het voorstel ${title} aangemaakt` : 'heeft het voorstel aangemaakt'
    }
    case 'proposal.imported':
      return 'heeft de tekst uit een Word-document geladen'
    case 'round.opened': {
      const title = quoted(details.title)
      const until = typeof details.closesAt === 'string' ? formatDateTime(details.closesAt) : ''
      return `heeft een consultatieronde geopend${title ? `: ${title}` : ''}${until ? `, open tot ${until}` : ''}`
    }
    case 'round.closed':
      return 'heeft een consultatieronde gesloten'
    case 'person.invited': {
      const role = ROLES[String(details.role)] ?? ''
      return `heeft ${subject} uitgenodigd${role ? ` ${role}` : ''}${proposalsPart(details.proposals, titles)}`
    }
    case 'person.revoked':
      return `heeft de toegang van ${subject} ingetrokken`
    case 'people.imported':
      return `heeft een lijst met mensen ingelezen: ${Number(details.created) || 0} uitgenodigd, ${Number(details.updated) || 0} gewijzigd`
    case 'person.changed':
      return `heeft de gegevens van ${subject} gewijzigd`
    case 'person.anonymised':
      return 'heeft een persoon geanonimiseerd: die heet nu overal ‘Verwijderde gebruiker’'
    default:
      return 'heeft iets gewijzigd'
  }
}

/**
 * One activity entry as a plain Dutch sentence without its time, e.g. "Eva de Vries
 * heeft de status gewijzigd van concept naar consultatie". Unknown types get a
 * neutral sentence, so a newer server never breaks the list.
 */
export function activitySentence(entry: ActivityEntry, titles: ProposalTitles = new Map()) {
  const who = entry.person?.name ?? 'Iemand'
  if (entry.type === 'version.saved' && entry.details.auto === true) {
    // Automatic versions are saved by the server, credited to whoever changed the text last.
    return `Er is automatisch een versie opgeslagen, na wijzigingen van ${who}`
  }
  return `${who} ${whatHappened(entry, titles)}`
}
