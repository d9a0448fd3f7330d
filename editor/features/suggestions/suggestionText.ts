import { formatShortDateTime } from '../../../shared/dates.ts'
import type { ShownSuggestion } from './types.ts'

/**
 * Who made a suggestion and when, as the tooltip over it says: "Gemeente
 * Zwolle, 4 dec. 14:03" — the organisation that speaks, or the person.
 */
export function whoAndWhen(suggestion: ShownSuggestion): string {
  const who = suggestion.mine
    ? 'Uw voorstel'
    : (suggestion.person.organisation ?? suggestion.person.name)
  const when = suggestion.createdAt
    ? formatShortDateTime(suggestion.createdAt)
    : 'nog niet verstuurd'
  return `${who}, ${when}`
}

/** Text quoted in a sentence, with line breaks as ¶ and long text shortened. */
function quoted(text: string): string {
  const flat = text.replace(/\n/g, ' ¶ ').replace(/\s+/g, ' ').trim()
  return `‘${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}’`
}

/** What a suggestion changes, in words: "‘duidelijke’ in plaats van ‘scherpere’". */
export function changeText(suggestion: Pick<ShownSuggestion, 'quote' | 'replacement'>): string {
  const { quote, replacement } = suggestion
  if (quote === '') return `${quoted(replacement)} invoegen`
  if (replacement === '') return `${quoted(quote)} schrappen`
  return `${quoted(replacement)} in plaats van ${quoted(quote)}`
}

/**
 * What a screen reader hears on reaching a suggestion: "Voorstel van Gemeente
 * Zwolle: ‘duidelijke’ in plaats van ‘scherpere’" — the organisation that
 * speaks, or the person when there is none.
 */
export function announcement(suggestion: ShownSuggestion): string {
  const who = suggestion.mine ? 'uzelf' : (suggestion.person.organisation ?? suggestion.person.name)
  return `Voorstel van ${who}: ${changeText(suggestion)}.`
}
