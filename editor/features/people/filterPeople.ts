import type { PersonRow } from './personRow.ts'

/** Whether a person's organisation answered in the open round(s) they can see. */
export type Response = 'responded' | 'waiting'

export interface PeopleFilter {
  /** Words that must all occur in the name, e-mail or organisation. */
  search: string
  role: string
  province: string
  organisation: string
  /** '' for everyone; 'responded' / 'waiting' for the open round. */
  response: '' | Response
}

export const NO_FILTER: PeopleFilter = {
  search: '',
  role: '',
  province: '',
  organisation: '',
  response: '',
}

/** The people that match every part of the filter, in the order given. */
export function filterPeople(
  people: readonly PersonRow[],
  filter: PeopleFilter,
  responses: Readonly<Record<string, Response>>,
): PersonRow[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean)
  return people.filter((person) => {
    const haystack =
      `${person.name} ${person.email ?? ''} ${person.organisation ?? ''}`.toLowerCase()
    if (!words.every((word) => haystack.includes(word))) return false
    if (filter.role && person.role !== filter.role) return false
    if (filter.province && (person.province ?? '') !== filter.province) return false
    if (filter.organisation && (person.organisation ?? '') !== filter.organisation) return false
    if (filter.response && responses[person.id] !== filter.response) return false
    return true
  })
}

/** The organisations that occur, sorted as people read them. */
export function organisationsOf(people: readonly PersonRow[]): string[] {
  const names = new Set(people.map((p) => p.organisation).filter((o): o is string => !!o))
  return [...names].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }))
}
