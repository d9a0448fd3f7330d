/**
 * Entry point of the comparison: two Yjs fragments and the authorship record of
 * the newer one, which holds every owner, deletion and rebuild up to that moment.
 */
import type * as Y from 'yjs'
import type { AuthorshipView } from './AuthorshipRecord.ts'
import { cancelRestored } from './cancelRestored.ts'
import { type Attribution, compareSides } from './compareSides.ts'
import type { IdentityMap } from './IdentityMap.ts'
import { readSide } from './readSide.ts'
import type { RawDiff } from './types.ts'

/** Person id used when the record does not say (text from before the record existed). */
export const UNKNOWN_PERSON_ID = ''

/** Who inserted and who deleted, from `authorship` (`identities` read from its provenance). */
export function attributionFrom(authorship: AuthorshipView, identities: IdentityMap): Attribution {
  return {
    insertedBy: (client) => authorship.ownerOf(client) ?? UNKNOWN_PERSON_ID,
    deletedBy: (client, clock, length, emit) => {
      // The text may have been rebuilt since A: its newest incarnation is the one deleted.
      identities.latest(client, clock, length, (offset, size, latestClient, latestClock) => {
        let start = 0
        let person = ''
        for (let k = 0; k < size; k++) {
          const next =
            authorship.deleterOf(latestClient, latestClock + k) ??
            authorship.deleterOf(client, clock + offset + k) ??
            UNKNOWN_PERSON_ID
          if (k > 0 && next !== person) {
            emit(offset + start, k - start, person)
            start = k
          }
          person = next
        }
        emit(offset + start, size - start, person)
      })
    },
  }
}

/**
 * Compares `older` with `newer`.
 * @param authorship the record of the newer state (a version's, or the live room's)
 * @param identities its provenance by run (`IdentityMap.of(room.authorship.provenance)`)
 */
export function diffDocuments(
  older: Y.XmlFragment,
  newer: Y.XmlFragment,
  authorship: AuthorshipView,
  identities: IdentityMap,
): RawDiff {
  const a = readSide(older, identities)
  const b = readSide(newer, identities)
  return cancelRestored(compareSides(a, b, attributionFrom(authorship, identities)))
}
