/**
 * What a room does with an update a socket sent: `judgeUpdate` decides (S4, S7,
 * A3, H4, S9, the size limit), and the verdict is carried out here — dropped,
 * a gap asked for, redundant markers removed by the server, refused while
 * frozen, the socket closed, or the update applied through `DocumentChanges`
 * and accepted, followed by the repair of a merged shape.
 */
import * as Y from 'yjs'
import type { Status } from '../../shared/roles.ts'
import type { Logger } from '../log.ts'
import type { SchemaRules } from '../structure/SchemaRules.ts'
import type { Connection } from '../transport/Connection.ts'
import type { Authorship } from './Authorship.ts'
import { askForGap } from './askForGap.ts'
import type { ChangeAcceptance } from './ChangeAcceptance.ts'
import type { ChangeStore } from './ChangeStore.ts'
import type { DocumentChanges } from './DocumentChanges.ts'
import type { FollowUpChanges } from './FollowUpChanges.ts'
import { judgeUpdate } from './judgeUpdate.ts'
import { refuseWhileFrozen } from './roomEvents.ts'

/** The room as it is when an update arrives; status and authorship change, so they are read on each use. */
export interface ReceivingRoom {
  readonly id: string
  readonly doc: Y.Doc
  readonly fragment: Y.XmlFragment
  readonly status: Status
  readonly authorship: Authorship
  /** The full state encoded (kept until the next change). */
  encodedState(): Uint8Array
}

export interface ReceiverParts {
  log: Logger
  /** What the schema allows (S9). */
  rules: SchemaRules
  /** A document may not grow past this many bytes (encoded). */
  maxDocumentBytes: number
  /** Holds the size of the document so far. */
  store: ChangeStore
  changes: DocumentChanges
  acceptance: ChangeAcceptance
  followUps: FollowUpChanges
}

export class UpdateReceiver {
  readonly #room: ReceivingRoom
  readonly #parts: ReceiverParts
  /** Clients whose updates were refused while frozen (this room's lifetime). */
  readonly #refusedWhileFrozen = new Set<number>()

  constructor(room: ReceivingRoom, parts: ReceiverParts) {
    this.#room = room
    this.#parts = parts
  }

  /** Judges `update` from `conn` and carries the verdict out. */
  receive(conn: Connection, update: Uint8Array): void {
    const room = this.#room
    const { log, changes, acceptance } = this.#parts
    this.#measureIfNearLimit(update)
    const verdict = judgeUpdate(conn, update, {
      doc: room.doc,
      fragment: room.fragment,
      rules: this.#parts.rules,
      status: room.status,
      authorship: room.authorship,
      size: this.#parts.store.size,
      maxSize: this.#parts.maxDocumentBytes,
      refusedWhileFrozen: this.#refusedWhileFrozen,
    })
    switch (verdict.kind) {
      case 'nothing':
        return
      case 'gap':
        askForGap(conn, room, verdict.detail, log)
        return
      case 'cleanup':
        acceptance.acceptAll(changes.removeMarkers(verdict.markers), null)
        return
      case 'frozen':
        for (const client of verdict.clients) this.#refusedWhileFrozen.add(client)
        refuseWhileFrozen(conn, room.status)
        return
      case 'close': {
        const { reason, detail } = verdict
        log.warn('update refused', { proposal: room.id, person: conn.personId, reason, detail })
        conn.close(verdict.code, reason)
        return
      }
      case 'apply': {
        conn.gapRequests = 0
        const made = changes.collect(conn, conn.personId, () =>
          Y.applyUpdate(room.doc, update, conn),
        )
        acceptance.acceptAll(made, conn, update)
        const applied = made.find((change) => !change.cleanup)
        if (applied) this.#parts.followUps.repairMerge(applied.tr)
      }
    }
  }

  /**
   * The store's size is an upper bound: it grows with every update, deletions
   * and other instances' changes included, and only this instance's compaction
   * brings it back. Before an update would be refused for it, the document is
   * measured, so nobody is refused for text that was pasted and deleted again.
   */
  #measureIfNearLimit(update: Uint8Array): void {
    const { store, maxDocumentBytes } = this.#parts
    if (store.size + update.length <= maxDocumentBytes) return
    store.size = this.#room.encodedState().length
  }
}
