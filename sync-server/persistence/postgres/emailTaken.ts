/**
 * The database's refusal of a second active person with one e-mail address
 * (migration 005), as the 409 the people services give for it. The services
 * check the list first and name the holder; this is what is left when another
 * instance gave the address away between that check and the write.
 */
import { emailTaken } from '../../errors.ts'
import type { PeopleStore } from '../Storage.ts'

const UNIQUE_VIOLATION = '23505'
const INDEX = 'people_active_email'

/** True for the unique index of active addresses refusing a write. */
function isTakenEmail(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown }
  return code === UNIQUE_VIOLATION && constraint === INDEX
}

/** `work`'s result, with a refused address turned into 409 `conflict`. */
async function refusingTakenEmail<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    throw isTakenEmail(error) ? emailTaken() : error
  }
}

/** The people store with every write answering a taken address with 409. */
export function withTakenEmailRefused(people: PeopleStore): PeopleStore {
  return {
    ...people,
    put: (person) => refusingTakenEmail(people.put(person)),
    change: (id, apply) => refusingTakenEmail(people.change(id, apply)),
    saveBatch: (batch) => refusingTakenEmail(people.saveBatch(batch)),
  }
}
