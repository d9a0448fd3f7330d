/**
 * One open proposal: its Y.Doc, awareness, sockets and authorship record.
 * Every update from a socket is inspected in full, dropped when it adds nothing
 * (S7), checked against the sender's role, the proposal's status and the
 * schema's structure (S9), applied, appended to the log, and only then
 * forwarded to the others. Every change of the document, the server's own
 * included, goes through `DocumentChanges` (S8).
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol.ts'
import { isFrozen, type Status } from '../../shared/roles.ts'
import { storageFailed, textFrozen } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage, StoredDocument } from '../persistence/Storage.ts'
import type { SchemaRules } from '../structure/SchemaRules.ts'
import type { Connection } from '../transport/Connection.ts'
import { Authorship } from './Authorship.ts'
import { AwarenessRelay } from './AwarenessRelay.ts'
import { BeforeBuild } from './BeforeBuild.ts'
import { collectTextblocks, olderFirst } from './blockIds.ts'
import { ChangeAcceptance } from './ChangeAcceptance.ts'
import { ChangeStore } from './ChangeStore.ts'
import { ColdOpen } from './ColdOpen.ts'
import { DocumentChanges } from './DocumentChanges.ts'
import { EncodedState } from './EncodedState.ts'
import { FollowUpChanges } from './FollowUpChanges.ts'
import { syncStep1Message, syncStep2Message } from './messages.ts'
import { readFrame } from './readFrame.ts'
import { replayStored, SNAPSHOT_ORIGIN } from './replayStored.ts'
import { deliverEvent, deliverEventPer, type RoomEvent } from './roomEvents.ts'
import { type ServerWrite, ServerWriter, SYSTEM_PERSON_ID } from './ServerWriter.ts'
import { syncAnswer } from './syncAnswer.ts'
import { UpdateReceiver } from './UpdateReceiver.ts'

export interface RoomOptions {
  storage: Storage
  log: Logger
  /** What the schema allows, for checking updates (S9). */
  rules: SchemaRules
  /** Compact once the log since the last snapshot passes this many bytes. */
  compactAfterBytes: number
  /** A document may not grow past this many bytes (encoded); larger updates close with 4413. */
  maxDocumentBytes: number
  /** Carets are forwarded in batches this often; 0 forwards each at once. */
  awarenessFlushMs: number
  /** A proposal opened from a lone snapshot is built by then even when nobody asks anything (see `ColdOpen`). */
  coldBuildDelayMs: number
  /** True in a cluster: carets of this instance's sockets go to the other instances. */
  shareAwareness?: boolean
  metrics?: Metrics | undefined
  /** Sends a message about this proposal to every instance holding it (see Rooms). */
  publish: (message: { kind: string } & Record<string, unknown>, toSelf?: boolean) => void
  /** Called after a change another instance accepted was applied here (cluster). */
  onRemoteChange?: ((proposalId: string) => void) | undefined
  /** Called after every accepted change of the text, with the person who made it. */
  onTextChanged?: ((proposalId: string, personId: string) => void) | undefined
  /** Called once when writing failed: the room must leave memory (see `failStorage`). */
  onStorageFailed?: ((room: Room) => void) | undefined
}

/** Origin of updates another instance accepted (cluster). */
const REMOTE_ORIGIN = Symbol('remote')

export type { RoomEvent } from './roomEvents.ts'

export class Room {
  readonly id: string
  readonly doc = new Y.Doc({ gc: true })
  readonly fragment: Y.XmlFragment
  readonly connections = new Set<Connection>()
  readonly presence: AwarenessRelay
  authorship = new Authorship()
  status: Status = 'concept'
  readonly #options: RoomOptions
  readonly #log: Logger
  readonly #writer: ServerWriter
  /** Block ids and merge repairs after an accepted change. */
  readonly #followUps: FollowUpChanges
  readonly #changes: DocumentChanges
  readonly #acceptance: ChangeAcceptance
  readonly #receiver: UpdateReceiver
  /** Set once the room left memory: its document is empty from then on. */
  #destroyed = false
  /** Greetings, answers and waiting messages until the stored document is built (see `load`). */
  readonly #beforeBuild = new BeforeBuild()
  /** The full state encoded, while it is known to be current (cold open, idle joins). */
  readonly #state = new EncodedState(this.doc)
  readonly #store: ChangeStore

  constructor(id: string, options: RoomOptions) {
    this.id = id
    this.#options = options
    this.#log = options.log
    this.fragment = this.doc.getXmlFragment('default')
    this.presence = new AwarenessRelay(
      this.doc,
      () => this.authorship,
      this.connections,
      options.awarenessFlushMs,
      // Presence goes to the other instances only: this one has it already.
      options.shareAwareness ? (message) => options.publish(message, false) : null,
    )
    this.#store = new ChangeStore(this, options, () => this.#closeAfterFailedWrite())
    this.#acceptance = new ChangeAcceptance(
      this,
      { store: this.#store, state: this.#state, followUps: () => this.#followUps },
      options,
    )
    this.#changes = new DocumentChanges(this.doc, (change, origin) =>
      this.#acceptance.acceptUnexplained(change, origin),
    )
    this.#writer = new ServerWriter(
      this.doc,
      () => this.authorship,
      this.#changes,
      (changes) => this.#acceptance.acceptAll(changes, null),
      () => this.#mayWriteText(),
    )
    this.#followUps = new FollowUpChanges(this, this.#writer, options.rules, this.#log)
    this.#receiver = new UpdateReceiver(this, {
      ...options,
      store: this.#store,
      changes: this.#changes,
      acceptance: this.#acceptance,
      followUps: this.#followUps,
    })
    // Provenance must see a transaction before Yjs collects its deleted content.
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === SNAPSHOT_ORIGIN) return
      try {
        this.authorship.provenance.record(tr)
      } catch (error) {
        // A fault here must not undo an applied update's storing and forwarding.
        this.#log.error('recording provenance failed', { proposal: this.id, error: String(error) })
      }
    })
  }

  /**
   * Resolves once the document is built. HTTP readers and other instances'
   * messages wait for it; asking starts a cold room's build at once.
   */
  get ready(): Promise<void> {
    const cold = this.#beforeBuild.cold
    if (!cold) return Promise.resolve()
    cold.buildNow()
    return cold.ready
  }

  /** False while a cold room answers from its stored snapshot (see `ColdOpen`). */
  get built(): boolean {
    return this.#beforeBuild.built
  }

  get awareness() {
    return this.presence.awareness
  }

  /**
   * Reads the stored document. Called once, before any socket joins (S3). When
   * the proposal is one snapshot (no log after it), its bytes are exactly the
   * full state: `load` returns at once, sockets are greeted and answered from
   * those bytes, and the document is built only after the first answer has gone
   * out (see `ColdOpen`); every other message waits for that.
   */
  async load(status: Status): Promise<void> {
    this.status = status
    const stored = await this.#options.storage.documents.load(this.id)
    if (stored.snapshot && stored.log.length === 0) {
      this.#state.keep(stored.snapshot.state)
      const cold = new ColdOpen(
        stored.snapshot,
        () => this.#build(stored),
        this.#options.coldBuildDelayMs,
      )
      this.#beforeBuild.cold = cold
      cold.ready.catch((error) => this.#failLoad(error))
      return
    }
    this.#build(stored)
    if (stored.log.length > 0) await this.compact()
  }

  #build(stored: StoredDocument): void {
    this.#store.size = replayStored(this, this.#changes, stored)
    const blocks = olderFirst(collectTextblocks(this.fragment), null)
    this.#followUps.assignBlockIds(blocks, SYSTEM_PERSON_ID)
    this.#beforeBuild.finish({
      remote: (personId, update) => this.applyRemote(personId, update),
      presence: (conn) => this.presence.sendAll(conn),
      message: (conn, data) => this.handleMessage(conn, data),
    })
  }

  /** A snapshot that cannot be built is unreadable data: its sockets cannot stay. */
  #failLoad(error: unknown): void {
    this.#log.error('building a proposal from its snapshot failed', {
      proposal: this.id,
      error: String(error),
    })
    this.#closeAll('load_failed')
  }

  /** Closes every socket of the proposal with 1011, those still waiting for the document too. */
  #closeAll(reason: 'load_failed' | 'storage_failed'): void {
    for (const conn of [...this.#beforeBuild.waitingSockets(), ...this.connections])
      conn.close(1011, reason)
  }

  /** Handles one frame from a socket. Malformed frames close that socket only. */
  handleMessage(conn: Connection, data: Uint8Array): void {
    if (this.#store.failed) {
      conn.close(1011, 'storage_failed')
      return
    }
    if (this.#beforeBuild.failed) {
      conn.close(1011, 'load_failed')
      return
    }
    // Answered from the stored bytes, or held until the document is built.
    if (this.#beforeBuild.takeMessage(conn, data)) return
    const frame = readFrame(data)
    if (frame.kind === 'syncStep1') this.#answerSyncStep1(conn, frame.stateVector)
    else if (frame.kind === 'update') this.#receiver.receive(conn, frame.update)
    else if (frame.kind === 'queryAwareness') this.presence.sendAll(conn)
    else if (frame.kind === 'awareness') {
      const refusal = this.presence.receive(conn, frame.update)
      if (refusal) conn.close(CloseCode.badRequest.code, refusal)
    } else {
      if (frame.error) {
        this.#log.warn('undecodable frame', {
          proposal: this.id,
          person: conn.personId,
          error: frame.error,
        })
      }
      conn.close(CloseCode.badRequest.code, frame.reason)
    }
  }

  /** Greets a new socket: our state vector, then current awareness. */
  greet(conn: Connection): void {
    if (this.#store.failed) {
      conn.close(1011, 'storage_failed')
      return
    }
    if (this.#beforeBuild.failed) {
      conn.close(1011, 'load_failed')
      return
    }
    if (this.#beforeBuild.greet(conn)) return
    conn.send(syncStep1Message(Y.encodeStateVector(this.doc)))
    this.presence.sendAll(conn)
  }

  #answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    const diff = syncAnswer(this.doc, stateVector, conn.caughtUp, () => this.#state.get())
    conn.caughtUp = true
    this.#store.written.then(
      () => conn.send(syncStep2Message(diff)),
      () => conn.close(1011, 'storage_failed'),
    )
  }

  /**
   * Writing failed (an append, or a later fsync): this document may hold
   * changes that are not on disk, so it must never be served again (see
   * `ChangeStore.fail`).
   */
  failStorage(error: unknown): void {
    this.#store.fail(error)
  }

  /**
   * The store gave up on this document: its sockets, waiting ones included,
   * close with 1011 `storage_failed` — clients keep their edits and send them
   * again once they reconnect — and the room leaves memory, so the next socket
   * or reader gets the proposal as storage holds it.
   */
  #closeAfterFailedWrite(): void {
    this.#closeAll('storage_failed')
    this.#options.onStorageFailed?.(this)
  }

  /**
   * Resolves once every change applied so far is written; for HTTP answers,
   * which must acknowledge nothing that is not stored.
   * @throws AppError storage_failed (503) when writing failed
   */
  flushed(): Promise<void> {
    return this.#store.flushed()
  }

  /**
   * An update another instance accepted, checked and stored (cluster): applied
   * here and sent to this instance's sockets. Block ids in it are that instance's
   * to settle (its own server change follows through the stream); here the index
   * only learns them.
   */
  applyRemote(personId: string, update: Uint8Array): void {
    if (this.#beforeBuild.holdRemote(personId, update)) return
    const changes = this.#changes.collect(REMOTE_ORIGIN, personId, () =>
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN),
    )
    this.#acceptance.acceptRemote(personId, update, changes)
  }

  /**
   * Changes the text on the server's behalf, credited to `personId` (imports,
   * restores, accepted amendments; see `ServerWriter.write`). The writer checks
   * the status in the turn of writing (`#mayWriteText`).
   * @throws AppError frozen (409) once the proposal is `vastgesteld`; storage_failed
   *   (503) once writing this proposal failed (callers await `flushed` before answering)
   */
  writeAsServer(
    personId: string,
    change: (tr: Y.Transaction) => void,
    options: { ownClient?: boolean } = {},
  ): ServerWrite | null {
    return this.#writer.write(personId, change, options)
  }

  /**
   * Refuses a server change of the text in the very turn it would be written:
   * one that began before the proposal was frozen never lands after it, and
   * nothing is written once writing this proposal failed.
   */
  #mayWriteText(): void {
    if (this.#store.failed) throw storageFailed()
    if (isFrozen(this.status)) throw textFrozen()
  }

  /** The full state encoded, kept until the next change: many readers of an unchanged text cost one encode. */
  encodedState(): Uint8Array {
    return this.#state.get()
  }

  /** Encodes the live document and replaces the log with it (not once destroyed: its document is empty then). */
  compact(): Promise<void> {
    if (this.#destroyed) return Promise.resolve()
    const state = Y.encodeStateAsUpdate(this.doc)
    this.#store.size = state.length
    this.#state.keep(state)
    return this.#options.storage.documents.compact(this.id, {
      state,
      authorship: this.authorship.encode(),
      stateVector: Y.encodeStateVector(this.doc),
    })
  }

  /** Sends an event (E1) to every socket of the proposal, on every instance. */
  sendEvent(event: RoomEvent): void {
    this.#options.publish({ kind: 'event', event })
  }

  /** Sends an event to this instance's sockets of the proposal that asked for events. */
  deliverEvent(event: RoomEvent): void {
    deliverEvent(this.connections, event)
  }

  /** Sends each socket that asked for events its own version of an event (people see different things). */
  sendEventPer(eventFor: (conn: Connection) => RoomEvent | null): void {
    deliverEventPer(this.connections, eventFor)
  }

  /** The status changed (on any instance): this instance's room follows and tells its sockets. */
  applyStatus(status: Status, event: RoomEvent): void {
    this.status = status
    this.deliverEvent(event)
    if (isFrozen(status)) this.#log.info('proposal frozen', { proposal: this.id })
  }

  addConnection(conn: Connection): void {
    this.connections.add(conn)
  }

  removeConnection(conn: Connection): void {
    this.connections.delete(conn)
    this.presence.forget(conn)
  }

  destroy(): void {
    this.#destroyed = true
    this.#beforeBuild.cold?.cancel()
    this.presence.destroy()
    this.doc.destroy()
  }
}
