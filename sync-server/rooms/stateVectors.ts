/**
 * Answering a sync step 1 cheaply. The editor probes a quiet socket with a sync
 * step 1 (is the server still there?); with hundreds of readers that must cost
 * next to nothing. A socket that was sent every change since its last sync and
 * holds every struct we hold lacks nothing, so its answer is a constant.
 */
import * as Y from 'yjs'

/** A Yjs V1 update with no structs and no deletions. */
export const NOTHING_NEW = new Uint8Array([0, 0])

/** True when `stateVector` reaches our state for every client the document holds structs of. */
export function holdsEveryStruct(stateVector: Uint8Array, doc: Y.Doc): boolean {
  const theirs = Y.decodeStateVector(stateVector)
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1]
    const ours = last ? last.id.clock + last.length : 0
    if ((theirs.get(client) ?? 0) < ours) return false
  }
  return true
}
