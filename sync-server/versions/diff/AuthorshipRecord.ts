/**
 * A stored authorship record read for comparing: who owns each client id, who
 * deleted what, and the provenance runs. `Authorship.decode` builds a record a
 * room can go on writing to; a comparison only reads, and reading the same bytes
 * (the format `Authorship.encode` writes, format 1) straight into runs is about
 * three times faster on a long history. Any other format falls back to
 * `Authorship.decode`; IdentityMap.test.ts checks both agree.
 */
import * as decoding from 'lib0/decoding'
import { Authorship } from '../../rooms/Authorship.ts'
import { IdentityMap } from './IdentityMap.ts'

/** What the comparison asks of an authorship record; `Authorship` itself has it too. */
export interface AuthorshipView {
  ownerOf(client: number): string | undefined
  deleterOf(client: number, clock: number): string | undefined
}

/** [clock, length, person] of deleted runs, sorted by clock. */
type Deleted = Array<[clock: number, length: number, person: string]>

/** Reads an encoded authorship record. @throws Error when it cannot be read */
export function readAuthorship(data: Uint8Array): {
  record: AuthorshipView
  identities: IdentityMap
} {
  const decoder = decoding.createDecoder(data)
  if (data.length === 0 || decoding.readVarUint(decoder) !== 1) {
    const authorship = Authorship.decode(data)
    return { record: authorship, identities: IdentityMap.of(authorship.provenance) }
  }
  const people: string[] = []
  for (let n = decoding.readVarUint(decoder); n > 0; n--)
    people.push(decoding.readVarString(decoder))
  const person = (index: number) => {
    const found = people[index]
    if (found === undefined) throw new Error(`unknown person index ${index}`)
    return found
  }
  const owners = new Map<number, string>()
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const client = decoding.readVarUint(decoder)
    owners.set(client, person(decoding.readVarUint(decoder)))
  }
  const deleted = new Map<number, Deleted>()
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const client = decoding.readVarUint(decoder)
    const runs: Deleted = []
    for (let m = decoding.readVarUint(decoder); m > 0; m--) {
      const clock = decoding.readVarUint(decoder)
      const length = decoding.readVarUint(decoder)
      runs.push([clock, length, person(decoding.readVarUint(decoder))])
    }
    deleted.set(
      client,
      runs.sort((a, b) => a[0] - b[0]),
    )
  }
  const identities = IdentityMap.read(decoder)
  return {
    record: {
      ownerOf: (client) => owners.get(client),
      deleterOf: (client, clock) => deleterIn(deleted.get(client), clock),
    },
    identities,
  }
}

function deleterIn(runs: Deleted | undefined, clock: number): string | undefined {
  if (!runs) return undefined
  let low = 0
  let high = runs.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const [start, length, person] = runs[middle]!
    if (clock < start) high = middle - 1
    else if (clock >= start + length) low = middle + 1
    else return person
  }
  return undefined
}
