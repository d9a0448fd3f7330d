/**
 * Builds a room's document from what is stored: the snapshot, then every log
 * record in order, each through the room's `DocumentChanges`, so the authorship
 * record sees who wrote and who deleted what, Yjs's cleanups included.
 */
import * as Y from 'yjs'
import type { StoredDocument } from '../persistence/Storage.ts'
import { Authorship } from './Authorship.ts'
import { type DocumentChanges, SYSTEM_PERSON_ID } from './DocumentChanges.ts'

/** Origin of loading a snapshot: its tombstones are history, not a rebuild. */
export const SNAPSHOT_ORIGIN = Symbol('snapshot')
/** Origin of replaying the log. */
export const REPLAY_ORIGIN = Symbol('replay')

/**
 * @param room its `authorship` is replaced by the snapshot's first, so whatever
 *   watches the room's transactions records into the record being rebuilt
 * @returns an upper bound of the document's encoded size
 */
export function replayStored(
  room: { doc: Y.Doc; authorship: Authorship },
  changes: DocumentChanges,
  stored: StoredDocument,
): number {
  const { doc } = room
  let size = 0
  if (stored.snapshot) {
    room.authorship = Authorship.decode(stored.snapshot.authorship)
    const { state } = stored.snapshot
    // Into an empty document: no text changes, so Yjs runs no cleanup here.
    changes.collect(SNAPSHOT_ORIGIN, SYSTEM_PERSON_ID, () =>
      Y.applyUpdate(doc, state, SNAPSHOT_ORIGIN),
    )
    size = state.length
  }
  for (const record of stored.log) {
    size += record.update.length
    // Cleanups Yjs runs while replaying are recorded here, and stored by the
    // compaction that follows every load with a log (see Room.load).
    const made = changes.collect(REPLAY_ORIGIN, record.personId, () =>
      Y.applyUpdate(doc, record.update, REPLAY_ORIGIN),
    )
    for (const change of made) room.authorship.recordTransaction(change.personId, change.tr)
    room.authorship.provenance.takeLineage()
  }
  return size
}
