/**
 * Entry point of the comparison: two Yjs fragments and the authorship record of
 * the newer one, which holds every owner, deletion and rebuild up to that moment.
 */
import type * as Y from 'yjs'
import type { Authorship } from '../../rooms/Authorship.ts'
import { type Attribution, compareSides } from './compareSides.ts'
import { readSide } from './readSide.ts'
import type { RawDiff } from './types.ts'

/** Person id used when the record does not say (text from before the record existed). */
export const UNKNOWN_PERSON_ID = ''

/** Who inserted and who deleted, from `authorship`. */
export function attributionFrom(authorship: Authorship): Attribution {
  const { provenance } = authorship
  return {
    insertedBy: (client) => authorship.ownerOf(client) ?? UNKNOWN_PERSON_ID,
    deletedBy: (client, clock) => {
      // The character may have been rebuilt since A: the newest incarnation is the one deleted.
      const latest = provenance.latest({ client, clock })
      return (
        authorship.deleterOf(latest.client, latest.clock) ??
        authorship.deleterOf(client, clock) ??
        UNKNOWN_PERSON_ID
      )
    },
  }
}

/**
 * Compares `older` with `newer`.
 * @param authorship the record of the newer state (a version's, or the live room's)
 */
export function diffDocuments(
  older: Y.XmlFragment,
  newer: Y.XmlFragment,
  authorship: Authorship,
): RawDiff {
  const a = readSide(older, authorship.provenance)
  const b = readSide(newer, authorship.provenance)
  return compareSides(a, b, attributionFrom(authorship))
}
