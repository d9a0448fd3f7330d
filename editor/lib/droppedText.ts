/**
 * What an import or a paste could not keep (W1), in Dutch: "2 afbeeldingen en
 * 1 tekstvak zijn niet overgenomen." — and, where the words did come along,
 * where they are now.
 */

/** One kind of content that was not kept, and how many (the import's `dropped`). */
export interface DroppedPart {
  what: string
  count: number
}

/** Singular and plural of each kind the server (and paste) report. */
const NAMES: Record<string, [string, string]> = {
  image: ['afbeelding', 'afbeeldingen'],
  textbox: ['tekstvak', 'tekstvakken'],
  trackedChange: ['bijgehouden wijziging', 'bijgehouden wijzigingen'],
  comment: ['opmerking', 'opmerkingen'],
  chart: ['grafiek', 'grafieken'],
  diagram: ['diagram', 'diagrammen'],
  equation: ['formule', 'formules'],
  headerFooter: ['kop- of voettekst', 'kop- en voetteksten'],
  tableInside: ['tabel in een lijst, citaat of tabel', 'tabellen in een lijst, citaat of tabel'],
  footnoteReference: [
    'voetnootverwijzing zonder voetnoottekst',
    'voetnootverwijzingen zonder voetnoottekst',
  ],
}

/** Where the words went, for kinds whose text did come along. */
const NOTES: Record<string, string> = {
  textbox: 'De tekst uit een tekstvak staat als gewone alinea in het voorstel.',
  trackedChange: 'De tekst staat erin zoals na het aanvaarden van alle wijzigingen.',
  tableInside: 'De tekst daarvan staat als gewone alinea’s in het voorstel.',
  footnoteReference: 'Het nummer van zo’n verwijzing staat als gewone tekst in het voorstel.',
}

function name(part: DroppedPart): string {
  const [one, many] = NAMES[part.what] ?? ['ander onderdeel', 'andere onderdelen']
  return `${part.count} ${part.count === 1 ? one : many}`
}

/** "a", "a en b", "a, b en c". */
function list(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`
}

/** The sentences for `dropped`, or null when everything was kept. */
export function droppedText(dropped: readonly DroppedPart[]): string | null {
  const parts = dropped.filter((part) => part.count > 0)
  if (parts.length === 0) return null
  const total = parts.reduce((sum, part) => sum + part.count, 0)
  const sentence = `${list(parts.map(name))} ${total === 1 ? 'is' : 'zijn'} niet overgenomen.`
  const notes = parts.flatMap((part) => (NOTES[part.what] ? [NOTES[part.what]!] : []))
  return [sentence, ...notes].join(' ')
}
