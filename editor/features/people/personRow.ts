import type { PersonRecord } from '../../lib/types.ts'

/** A row of `GET /api/people`, with `anonymised` as the server adds it (AVG). */
export interface PersonRow extends PersonRecord {
  anonymised?: boolean
}

/** True while the person can sign in: neither revoked nor anonymised. */
export function hasAccess(person: PersonRow): boolean {
  return !person.revoked && !person.revokedAt && !person.anonymised
}
