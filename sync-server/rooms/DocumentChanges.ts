/**
 * The one way a room's document changes (contract S8). Every change — a
 * client's update, the server's own (block ids, merge repairs, restores,
 * amendments, imports), an update another instance accepted — is made inside
 * `collect`, which hands back every transaction that changed the document, in
 * order: the change itself, then any cleanup Yjs ran after it. Yjs runs such a cleanup (origin
 * null) after a remote update that leaves redundant formatting markers; it
 * deletes them on this replica only, so it must be stored and sent like any
 * change, credited to the server.
 *
 * A change made outside `collect` is one no known path explains: it is handed
 * to `onUnexplained` (the room logs it as a fault, and still stores and sends
 * it, so no replica drifts from the store).
 */
import type * as Y from 'yjs'

/** Origin of the server's removal of redundant formatting markers. */
const HOUSEKEEPING_ORIGIN = Symbol('housekeeping')

/** The person credited with changes nobody asked for (ids fixed at load, Yjs's cleanups). */
export const SYSTEM_PERSON_ID = 'systeem'

/** One transaction that changed the document. */
export interface DocumentChange {
  /** Who is credited: the sender, the person the server acts for, or the server. */
  personId: string
  /** The transaction as a Yjs V1 update. */
  update: Uint8Array
  tr: Y.Transaction
  /**
   * Housekeeping that changes no character and no formatting (Yjs's cleanup of
   * redundant formatting markers): sent to every socket, the sender's too, and
   * not counted as someone's change of the text.
   */
  cleanup: boolean
}

export class DocumentChanges {
  readonly #doc: Y.Doc
  #collecting: {
    origin: unknown
    personId: string
    cleanup: boolean
    changes: DocumentChange[]
  } | null = null
  readonly #onUnexplained: (change: DocumentChange, origin: unknown) => void

  constructor(doc: Y.Doc, onUnexplained: (change: DocumentChange, origin: unknown) => void) {
    this.#doc = doc
    this.#onUnexplained = onUnexplained
    // 'update' fires only for transactions that changed something (reads such as
    // YText.toDelta run empty transactions of their own).
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) =>
      this.#observe(update, origin, tr),
    )
  }

  /**
   * Runs `apply`, which changes the document with transactions of `origin`, and
   * returns what changed, in order.
   * @param personId credited with the change itself; Yjs's cleanups go to the server
   * @param options.cleanup true when the change itself is housekeeping
   */
  collect(
    origin: unknown,
    personId: string,
    apply: () => void,
    options: { cleanup?: boolean } = {},
  ): DocumentChange[] {
    const outer = this.#collecting
    const run = { origin, personId, cleanup: options.cleanup ?? false, changes: [] }
    this.#collecting = run
    try {
      apply()
    } finally {
      this.#collecting = outer
    }
    return run.changes
  }

  /**
   * Deletes formatting markers that change nothing, as the server's own
   * housekeeping: what a replica that may not write sent when its Yjs cleaned
   * them up (see `redundantFormatting`). Its update is not applied (A3); the
   * server makes the same deletion, so every replica and the store agree (S8).
   */
  removeMarkers(markers: readonly Y.Item[]): DocumentChange[] {
    return this.collect(
      HOUSEKEEPING_ORIGIN,
      SYSTEM_PERSON_ID,
      () =>
        this.#doc.transact((tr) => {
          for (const marker of markers) if (!marker.deleted) marker.delete(tr)
        }, HOUSEKEEPING_ORIGIN),
      { cleanup: true },
    )
  }

  #observe(update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    const run = this.#collecting
    if (run && origin === run.origin) {
      run.changes.push({ personId: run.personId, update, tr, cleanup: run.cleanup })
    } else if (run && origin === null && tr.local) {
      // Yjs's own cleanup transaction, run while the change above was applied.
      run.changes.push({ personId: SYSTEM_PERSON_ID, update, tr, cleanup: true })
    } else {
      this.#onUnexplained({ personId: SYSTEM_PERSON_ID, update, tr, cleanup: true }, origin)
    }
  }
}
