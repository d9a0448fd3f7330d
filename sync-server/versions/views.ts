/** Versions and comparisons as the API shows them (V1–V3), people resolved. */
import type { VersionRecord } from '../persistence/Storage.ts'
import { readCreditKey } from './diff/acceptedChanges.ts'
import type { RawDiff } from './diff/types.ts'
import type { PersonLookup, PublicPerson } from './people.ts'

/** A version without its text: `{id, name, auto, createdAt, createdBy}` (V1). */
export function versionView(record: VersionRecord, people: PersonLookup) {
  const { id, name, auto, createdAt } = record
  return { id, name, auto, createdAt, createdBy: people(record.createdBy) }
}

export type VersionView = ReturnType<typeof versionView>

/** One side of a comparison: a version, or `{id: 'current'}` for the live text. */
export type ComparedSide = VersionView | { id: 'current' }

/**
 * A comparison (V3): `changes` in document order with `by` as people (and for
 * the text of an accepted amendment `acceptedBy`, the editor who accepted it),
 * `inserted`/`deleted` in characters, block-level changes in `blocks`, and
 * `view`, the newer text with the changes in place, for rendering.
 */
export function comparisonView(
  raw: RawDiff,
  from: ComparedSide,
  to: ComparedSide,
  people: PersonLookup,
) {
  const cache = new Map<string, PublicPerson>()
  const person = (id: string) => {
    let found = cache.get(id)
    if (!found) {
      found = people(id)
      cache.set(id, found)
    }
    return found
  }
  return {
    from,
    to,
    changes: raw.changes.map((change) => {
      const { personId, acceptedBy } = readCreditKey(change.by)
      const by = [person(personId)]
      return acceptedBy === null
        ? { ...change, by }
        : { ...change, by, acceptedBy: person(acceptedBy) }
    }),
    inserted: raw.inserted,
    deleted: raw.deleted,
    blocks: raw.blocks,
    view: raw.view,
  }
}
