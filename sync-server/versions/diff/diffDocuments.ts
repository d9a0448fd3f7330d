/**
 * Entry point of the comparison: two Yjs fragments and the authorship record of
 * the newer one, which holds every owner, deletion and rebuild up to that moment.
 */
import type * as Y from 'yjs'
import type { AuthorshipView } from './AuthorshipRecord.ts'
import { AcceptedChanges, creditKey } from './acceptedChanges.ts'
import { cancelRestored } from './cancelRestored.ts'
import { type Attribution, compareSides } from './compareSides.ts'
import type { IdentityMap } from './IdentityMap.ts'
import { readSide } from './readSide.ts'
import type { RawDiff } from './types.ts'

/** Person id used when the record does not say (text from before the record existed). */
export const UNKNOWN_PERSON_ID = ''

/**
 * Who inserted and who deleted, from `authorship` (`identities` read from its
 * provenance); for text of an accepted amendment, a credit key that also names
 * who accepted it (see `acceptedChanges.ts`).
 */
export function attributionFrom(
  authorship: AuthorshipView,
  identities: IdentityMap,
  accepted = new AcceptedChanges(),
): Attribution {
  return {
    insertedBy: (client) =>
      creditKey(authorship.ownerOf(client) ?? UNKNOWN_PERSON_ID, accepted.writtenBy(client)),
    deletedBy: (client, clock, length, emit) => {
      // The text may have been rebuilt since A: its newest incarnation is the one deleted.
      identities.latest(client, clock, length, (offset, size, latestClient, latestClock) => {
        let start = 0
        let person = ''
        for (let k = 0; k < size; k++) {
          const next = creditKey(
            authorship.deleterOf(latestClient, latestClock + k) ??
              authorship.deleterOf(client, clock + offset + k) ??
              UNKNOWN_PERSON_ID,
            accepted.deletedBy(latestClient, latestClock + k) ??
              accepted.deletedBy(client, clock + offset + k),
          )
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
 * @param accepted the accepted amendments of the proposal, to say who accepted them
 */
export function diffDocuments(
  older: Y.XmlFragment,
  newer: Y.XmlFragment,
  authorship: AuthorshipView,
  identities: IdentityMap,
  accepted?: AcceptedChanges,
): RawDiff {
  const a = readSide(older, identities)
  const b = readSide(newer, identities)
  return cancelRestored(compareSides(a, b, attributionFrom(authorship, identities, accepted)))
}
