/**
 * People as versions and comparisons show them (`{id, name, organisation}`),
 * including the server itself, which saves automatic versions when it cannot
 * say whose change was last.
 */
import { publicPerson } from '../auth/Principal.ts'
import type { Storage } from '../persistence/Storage.ts'
import { SYSTEM_PERSON_ID } from '../rooms/ServerWriter.ts'

export type PublicPerson = ReturnType<typeof publicPerson>

/** Person id → person, for one answer. */
export type PersonLookup = (personId: string) => PublicPerson

const SYSTEM_PERSON: PublicPerson = {
  id: SYSTEM_PERSON_ID,
  name: 'Meeschrijven',
  organisation: null,
}

/** Reads everyone once and answers lookups from that; unknown ids become "Onbekend". */
export async function lookupPeople(storage: Storage): Promise<PersonLookup> {
  const people = new Map((await storage.people.list()).map((p) => [p.id, publicPerson(p)]))
  return (personId) => {
    if (personId === SYSTEM_PERSON_ID) return SYSTEM_PERSON
    return people.get(personId) ?? { id: personId, name: 'Onbekend', organisation: null }
  }
}
