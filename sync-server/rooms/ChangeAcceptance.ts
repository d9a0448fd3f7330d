/**
 * What a room does with each change of its document once it is made (S8): the
 * change is credited (authorship), stored and only then forwarded
 * (`ChangeStore`), the text's observers are told, and the server's own
 * follow-up changes (block ids, merge repairs) are made. A change no known path
 * made is a fault, yet treated the same way, so no replica drifts from the store.
 */
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Connection } from '../transport/Connection.ts'
import type { Authorship } from './Authorship.ts'
import { changedTextblocks, olderFirst } from './blockIds.ts'
import type { ChangeStore } from './ChangeStore.ts'
import type { DocumentChange } from './DocumentChanges.ts'
import type { EncodedState } from './EncodedState.ts'
import type { FollowUpChanges } from './FollowUpChanges.ts'

export interface AcceptanceOptions {
  log: Logger
  metrics?: Metrics | undefined
  /** Called after a change another instance accepted was applied here (cluster). */
  onRemoteChange?: ((proposalId: string) => void) | undefined
  /** Called after every accepted change of the text, with the person who made it. */
  onTextChanged?: ((proposalId: string, personId: string) => void) | undefined
}

/** The room as acceptance sees it; `authorship` is replaced at load, so it is read on each use. */
export interface AcceptingRoom {
  readonly id: string
  readonly authorship: Authorship
  /** Encodes the live document and replaces the log with it. */
  compact(): Promise<void>
}

export class ChangeAcceptance {
  readonly #room: AcceptingRoom
  readonly #store: ChangeStore
  readonly #state: EncodedState
  /** Read on each use: the follow-ups write through the writer that calls back here. */
  readonly #followUps: () => FollowUpChanges
  readonly #options: AcceptanceOptions

  constructor(
    room: AcceptingRoom,
    parts: { store: ChangeStore; state: EncodedState; followUps: () => FollowUpChanges },
    options: AcceptanceOptions,
  ) {
    this.#room = room
    this.#store = parts.store
    this.#state = parts.state
    this.#followUps = parts.followUps
    this.#options = options
  }

  /**
   * Records, stores and forwards what one change made (the change, then Yjs's
   * cleanups); then settles block ids.
   * @param from the socket that sent the change, which does not get it back
   * @param original the client's own bytes of the change, forwarded as they came
   */
  acceptAll(changes: DocumentChange[], from: Connection | null, original?: Uint8Array): void {
    const main = changes.find((change) => !change.cleanup)
    for (const change of changes) {
      const bytes = change === main && original ? original : change.update
      // A cleanup goes to the sender too: its Yjs cleans up others' changes, not its own.
      this.#accept(change, bytes, change.cleanup ? null : from)
    }
    this.#followUps().afterChange(main)
    this.#store.compactIfDue(() => this.#room.compact())
  }

  /**
   * The safety net of S8: a change no known path made. It is a fault (logged, and
   * counted in the metrics; tests fail on it), yet stored and sent all the same.
   */
  acceptUnexplained(change: DocumentChange, origin: unknown): void {
    this.#options.log.error('unexplained change of the document', {
      proposal: this.#room.id,
      origin: String(origin),
      bytes: change.update.length,
    })
    this.#options.metrics?.countUnexplainedChange()
    this.#accept(change, change.update, null)
  }

  /**
   * What applying an update another instance accepted and stored (cluster) made
   * here: the update is sent to this instance's sockets as it came, its block
   * ids only learnt (that instance settles them); this instance's own cleanups
   * are new, so they are stored (the other instances follow the store) and sent.
   */
  acceptRemote(personId: string, update: Uint8Array, changes: DocumentChange[]): void {
    this.#room.authorship.provenance.takeLineage()
    const main = changes.find((change) => !change.cleanup)
    if (!main) return
    const { tr } = main
    this.#room.authorship.recordTransaction(personId, tr)
    this.#state.forget()
    this.#store.forward(update)
    this.#followUps().blocks.settle(olderFirst(changedTextblocks(tr), tr))
    for (const change of changes) if (change.cleanup) this.#accept(change, change.update, null)
    this.#options.onRemoteChange?.(this.#room.id)
  }

  /** Records, stores and forwards one applied change. */
  #accept(change: DocumentChange, update: Uint8Array, from: Connection | null): void {
    this.#room.authorship.recordTransaction(change.personId, change.tr)
    this.#state.forget()
    this.#store.append(change.personId, update, from)
    if (!change.cleanup) this.#options.onTextChanged?.(this.#room.id, change.personId)
  }
}
