/**
 * What an update would add to the document, decided from the update against the
 * document's state vector and delete set, without applying it (contract S7).
 * A y-websocket client's sync step 2 always carries the client's whole delete
 * set, and its structs may all be ones the server already holds: such an
 * update adds nothing and is not an edit, whoever sends it.
 */
import * as Y from 'yjs'

export type Novelty =
  /** Every struct and every deletion is already in the document. */
  | { kind: 'nothing' }
  /** No new struct; deletions of items the document holds undeleted, all given here. */
  | { kind: 'deletions'; items: Y.Item[] }
  /** At least one struct beyond the document's state. */
  | { kind: 'content' }

/**
 * @param bringsStructs true when some struct of the update reaches beyond the
 *   document's state vector (see `inspectUpdate`)
 * @param ds the update's delete set; every range must lie within the document's
 *   state (deletions of unknown items are refused before this is asked)
 */
export function noveltyOf(
  doc: Y.Doc,
  bringsStructs: boolean,
  ds: Y.Transaction['deleteSet'],
): Novelty {
  if (bringsStructs) return { kind: 'content' }
  const items: Y.Item[] = []
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      if (len <= 0) continue
      const end = clock + len
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!
        if (struct.id.clock >= end) break
        // GC structs are deleted content; an Item may be deleted already.
        if (!struct.deleted && struct instanceof Y.Item) items.push(struct)
      }
    }
  }
  return items.length === 0 ? { kind: 'nothing' } : { kind: 'deletions', items }
}
