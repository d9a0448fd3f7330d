/**
 * People as versions and comparisons show them (`{id, name, organisation}`),
 * including the administrator of `ADMIN_TOKEN` and the server itself, which
 * saves automatic versions when it cannot say whose change was last.
 */
import { publicPerson } from '../auth/Principal.ts'
import { peopleById } from '../people/peopleById.ts'
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
  const people = await peopleById(storage)
  return (personId) => {
    if (personId === SYSTEM_PERSON_ID) return SYSTEM_PERSON
    const person = people.get(personId)
    return person ? publicPerson(person) : { id: personId, name: 'Onbekend', organisation: null }
  }
}
