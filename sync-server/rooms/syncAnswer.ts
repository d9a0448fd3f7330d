/**
 * What a socket's sync step 1 is answered with. An empty state vector asks for
 * everything (the full state, kept encoded by the room until the next change).
 * The editor also probes a quiet socket with a sync step 1 (is the server still
 * there?); with hundreds of readers that must cost next to nothing. A socket
 * that was sent every change since its last sync and holds every struct we
 * hold lacks nothing, so its answer is a constant; any other gets the diff.
 */
import * as Y from 'yjs'

/** A Yjs V1 update with no structs and no deletions. */
export const NOTHING_NEW = new Uint8Array([0, 0])

/**
 * @param caughtUp true when the socket was answered a step 2 before and sent every change since
 * @param fullState the whole document encoded
 */
export function syncAnswer(
  doc: Y.Doc,
  stateVector: Uint8Array,
  caughtUp: boolean,
  fullState: () => Uint8Array,
): Uint8Array {
  // One zero byte: an empty state vector.
  if (stateVector.length <= 1) return fullState()
  if (caughtUp && holdsEveryStruct(stateVector, doc)) return NOTHING_NEW
  return Y.encodeStateAsUpdate(doc, stateVector)
}

/** True when `stateVector` reaches our state for every client the document holds structs of. */
function holdsEveryStruct(stateVector: Uint8Array, doc: Y.Doc): boolean {
  const theirs = Y.decodeStateVector(stateVector)
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1]
    const ours = last ? last.id.clock + last.length : 0
    if ((theirs.get(client) ?? 0) < ours) return false
  }
  return true
}
