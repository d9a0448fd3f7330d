/**
 * How a batch changes a person (M1) in either storage: the fields given are
 * merged into the freshest record — unless the person was revoked or
 * anonymised since the list was planned, who is left as they are, so a list
 * read before never gives back a name or access that was taken away (D4).
 */
import type { PersonChanges, PersonRecord } from './Storage.ts'

/** The person with `changes` merged in, or unchanged once no longer active. */
export function mergePersonChanges(person: PersonRecord, changes: PersonChanges): PersonRecord {
  if (person.revokedAt || person.anonymisedAt) return person
  return { ...person, ...changes }
}
