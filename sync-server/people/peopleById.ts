/**
 * Everyone who can appear as an author or actor, by id — the stored people and
 * the administrator of `ADMIN_TOKEN` — for showing names at display time.
 */
import { ENV_ADMIN } from '../auth/Authenticator.ts'
import type { PersonRecord, Storage } from '../persistence/Storage.ts'

export async function peopleById(storage: Storage): Promise<Map<string, PersonRecord>> {
  const people = new Map((await storage.people.list()).map((person) => [person.id, person]))
  if (!people.has(ENV_ADMIN.id)) people.set(ENV_ADMIN.id, ENV_ADMIN)
  return people
}
