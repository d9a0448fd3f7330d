/**
 * The identity map of a live room, kept between comparisons while nothing was
 * inserted: provenance only grows when a change inserts text, and every insert
 * moves the document's state vector, so an unchanged state vector means an
 * unchanged record. Reading a long history's record takes milliseconds, and
 * people compare the same proposal again and again.
 */
import * as Y from 'yjs'
import type { Room } from '../rooms/Room.ts'
import { IdentityMap } from './diff/IdentityMap.ts'

const cache = new WeakMap<object, { stateVector: string; map: IdentityMap }>()

/** The room's provenance by run, read again only when the text has grown since. */
export function liveIdentities(room: Room): IdentityMap {
  const { provenance } = room.authorship
  const stateVector = Buffer.from(Y.encodeStateVector(room.doc)).toString('base64')
  const cached = cache.get(provenance)
  if (cached && cached.stateVector === stateVector) return cached.map
  const map = IdentityMap.of(provenance)
  cache.set(provenance, { stateVector, map })
  return map
}
