/**
 * One open proposal: its Y.Doc, awareness, sockets and authorship record.
 * Every update from a socket is inspected in full, checked against the sender's
 * role and the proposal's status, applied, appended to the log, and only then
 * forwarded to the others.
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol.ts'
import { isFrozen, type Status } from '../../shared/roles.ts'
import { BLOCK_ID_ATTRIBUTE } from '../../shared/schema.ts'
import { storageFailed, textFrozen } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage, StoredDocument } from '../persistence/Storage.ts'
import type { Connection } from '../transport/Connection.ts'
import { binaryFrame } from '../transport/frames.ts'
import { Authorship } from './Authorship.ts'
import { AwarenessRelay } from './AwarenessRelay.ts'
import { askForGap } from './askForGap.ts'
import { BlockIndex, changedTextblocks, collectTextblocks, olderFirst } from './blockIds.ts'
import { captureTransaction } from './captureTransaction.ts'
import type { SchemaNames } from './inspectUpdate.ts'
import { judgeUpdate } from './judgeUpdate.ts'
import { LoadBacklog } from './LoadBacklog.ts'
import { eventMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages.ts'
import { asksForEverything, readFrame } from './readFrame.ts'
import { ServerWriter, SYSTEM_PERSON_ID } from './ServerWriter.ts'

export interface RoomOptions {
  storage: Storage
  log: Logger
  schema: SchemaNames
  /** Compact once the log since the last snapshot passes this many bytes. */
  compactAfterBytes: number
  /** A document may not grow past this many bytes (encoded); larger updates close with 4413. */
  maxDocumentBytes: number
  /** Carets are forwarded in batches this often; 0 forwards each at once. */
  awarenessFlushMs: number
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

/** Origin of loading a snapshot: its tombstones are history, not a rebuild. */
const SNAPSHOT_ORIGIN = Symbol('snapshot')
const REPLAY_ORIGIN = Symbol('replay')
/** Origin of updates another instance accepted (cluster). */
const REMOTE_ORIGIN = Symbol('remote')

/** A server event for clients of one proposal (contract E1). */
export type RoomEvent = { type: string } & Record<string, unknown>

export class Room {
  readonly id: string
  readonly doc = new Y.Doc({ gc: true })
  readonly fragment: Y.XmlFragment
  readonly connections = new Set<Connection>()
  readonly presence: AwarenessRelay
  authorship = new Authorship()
  status: Status = 'concept'
  /** Resolves once the document is built; HTTP readers wait for it. */
  ready: Promise<void> = Promise.resolve()
  readonly #options: RoomOptions
  readonly #log: Logger
  readonly #blocks = new BlockIndex()
  readonly #writer: ServerWriter
  /** False until the stored document is built into `doc` (see `load`). */
  #built = false
  readonly #backlog = new LoadBacklog()
  /** Clients whose updates were refused while frozen (this room's lifetime). */
  readonly #refusedWhileFrozen = new Set<number>()
  /** The full state encoded, while it is known to be current (cold open, idle joins). */
  #fullState: Uint8Array | null = null
  /** An upper bound of the encoded document's size: state plus updates since. */
  #size = 0
  /** The last append; sync answers wait for it so nobody sees unwritten state. */
  #written: Promise<void> = Promise.resolve()
  /** Set once writing failed: the room answers nothing more (see `failStorage`). */
  #storageFailed = false

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
    this.#writer = new ServerWriter(
      this.doc,
      () => this.authorship,
      (personId, update, tr) => this.#accept(personId, update, tr, null),
    )
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

  get awareness() {
    return this.presence.awareness
  }

  /**
   * Reads the stored document. Called once, before any socket joins (S3). When
   * the proposal is one snapshot (no log after it), its bytes are exactly the
   * full state a new client needs: `load` returns at once, clients that ask for
   * everything get those bytes, and the document is built from them in the next
   * turn of the event loop (`ready`); every other message waits for that.
   */
  async load(status: Status): Promise<void> {
    this.status = status
    const stored = await this.#options.storage.documents.load(this.id)
    if (stored.snapshot && stored.log.length === 0) {
      this.#fullState = stored.snapshot.state
      this.ready = new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            this.#build(stored)
            resolve()
          } catch (error) {
            reject(error)
          }
        }),
      )
      this.ready.catch((error) => this.#failLoad(error))
      return
    }
    this.#build(stored)
    if (stored.log.length > 0) await this.compact()
  }

  #build(stored: StoredDocument): void {
    if (stored.snapshot) {
      this.authorship = Authorship.decode(stored.snapshot.authorship)
      Y.applyUpdate(this.doc, stored.snapshot.state, SNAPSHOT_ORIGIN)
      this.#size = stored.snapshot.state.length
    }
    for (const record of stored.log) {
      this.#size += record.update.length
      const tr = captureTransaction(this.doc, REPLAY_ORIGIN, () =>
        Y.applyUpdate(this.doc, record.update, REPLAY_ORIGIN),
      )
      if (tr) this.authorship.recordTransaction(record.personId, tr)
      this.authorship.provenance.takeLineage()
    }
    this.#assignBlockIds(olderFirst(collectTextblocks(this.fragment), null), SYSTEM_PERSON_ID)
    this.#built = true
    this.#backlog.drain({
      remote: (personId, update) => this.applyRemote(personId, update),
      greet: (conn) => this.greet(conn),
      message: (conn, data) => this.handleMessage(conn, data),
    })
  }

  /** A snapshot that cannot be built is unreadable data: its sockets cannot stay. */
  #failLoad(error: unknown): void {
    this.#log.error('building a proposal from its snapshot failed', {
      proposal: this.id,
      error: String(error),
    })
    for (const conn of [...this.#backlog.waitingSockets(), ...this.connections])
      conn.close(1011, 'load_failed')
  }

  /** Handles one frame from a socket. Malformed frames close that socket only. */
  handleMessage(conn: Connection, data: Uint8Array): void {
    if (this.#storageFailed) {
      conn.close(1011, 'storage_failed')
      return
    }
    if (!this.#built && !this.#answerFromSnapshot(conn, data)) {
      this.#backlog.holdMessage(conn, data)
      return
    }
    const frame = readFrame(data)
    if (frame.kind === 'syncStep1') this.#answerSyncStep1(conn, frame.stateVector)
    else if (frame.kind === 'update') this.#receiveUpdate(conn, frame.update)
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
    if (this.#storageFailed) {
      conn.close(1011, 'storage_failed')
      return
    }
    if (!this.#built) {
      this.#backlog.holdGreeting(conn)
      return
    }
    conn.send(syncStep1Message(Y.encodeStateVector(this.doc)))
    this.presence.sendAll(conn)
  }

  /**
   * While the document is being built, a client asking for everything (sync step
   * 1 with an empty state vector) gets the stored snapshot's bytes at once.
   * @returns false when the message must wait for the document
   */
  #answerFromSnapshot(conn: Connection, data: Uint8Array): boolean {
    if (!this.#fullState || !asksForEverything(data)) return false
    conn.send(syncStep2Message(this.#fullState))
    return true
  }

  #answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    // An empty state vector (one zero byte) asks for everything: kept encoded
    // until the next change, so a crowd joining an idle proposal costs one encode.
    const everything = stateVector.length <= 1
    if (everything) this.#fullState ??= Y.encodeStateAsUpdate(this.doc)
    const diff = everything ? this.#fullState! : Y.encodeStateAsUpdate(this.doc, stateVector)
    this.#written.then(
      () => conn.send(syncStep2Message(diff)),
      () => conn.close(1011, 'storage_failed'),
    )
  }

  #receiveUpdate(conn: Connection, update: Uint8Array): void {
    const verdict = judgeUpdate(conn, update, {
      doc: this.doc,
      schema: this.#options.schema,
      status: this.status,
      authorship: this.authorship,
      size: this.#size,
      maxSize: this.#options.maxDocumentBytes,
      refusedWhileFrozen: this.#refusedWhileFrozen,
    })
    switch (verdict.kind) {
      case 'nothing':
        return
      case 'gap':
        askForGap(conn, this, verdict.detail, this.#log)
        return
      case 'frozen':
        for (const client of verdict.clients) this.#refusedWhileFrozen.add(client)
        conn.send(eventMessage({ type: 'refused', reason: 'frozen', status: this.status }))
        return
      case 'close': {
        const { reason, detail } = verdict
        this.#log.warn('update refused', {
          proposal: this.id,
          person: conn.personId,
          reason,
          detail,
        })
        conn.close(verdict.code, reason)
        return
      }
      case 'apply': {
        conn.gapRequests = 0
        const tr = captureTransaction(this.doc, conn, () => Y.applyUpdate(this.doc, update, conn))
        if (tr) this.#accept(conn.personId, update, tr, conn)
      }
    }
  }

  /** Records, stores and forwards an applied update; then settles block ids. */
  #accept(personId: string, update: Uint8Array, tr: Y.Transaction, from: Connection | null): void {
    this.authorship.recordTransaction(personId, tr)
    this.#fullState = null
    let written: Promise<void>
    try {
      written = this.#options.storage.documents.append(this.id, { personId, update })
    } catch (error) {
      written = Promise.reject(error)
    }
    this.#written = written
    this.#size += update.length
    this.#options.metrics?.countEdit(update.length)
    const frame = binaryFrame(updateMessage(update))
    written.then(
      () => {
        for (const conn of this.connections) if (conn !== from) conn.sendFrame(frame)
      },
      (error) => this.failStorage(error),
    )
    this.#options.onTextChanged?.(this.id, personId)
    this.#assignBlockIds(olderFirst(changedTextblocks(tr), tr), personId)
    if (this.#options.storage.documents.logBytes(this.id) > this.#options.compactAfterBytes) {
      // A failed compaction keeps the log; the next threshold or unload retries.
      this.compact().catch((error) =>
        this.#log.error('compaction failed', { proposal: this.id, error: String(error) }),
      )
    }
  }

  #assignBlockIds(candidates: Y.XmlElement[], personId: string): void {
    // Blocks an editor rebuilt take back the passage id their text came from.
    const lineage = this.authorship.provenance.takeLineage()
    if (candidates.length === 0) return
    const needNew = this.#blocks.settle(candidates)
    if (needNew.length === 0) return
    this.#writer.write(personId, () => {
      for (const block of needNew) {
        block.setAttribute(BLOCK_ID_ATTRIBUTE, this.#blocks.assign(block, lineage.get(block)))
      }
    })
  }

  /**
   * Writing failed (an append, or a later fsync): this document may hold
   * changes that are not on disk, so it must never be served again. Its sockets
   * close with 1011 `storage_failed` — clients keep their edits and send them
   * again once they reconnect — and the room leaves memory, so the next socket
   * or reader gets the proposal as storage holds it.
   */
  failStorage(error: unknown): void {
    if (this.#storageFailed) return
    this.#storageFailed = true
    this.#log.error('writing an update failed; closing the proposal', {
      proposal: this.id,
      error: String(error),
    })
    for (const conn of [...this.#backlog.waitingSockets(), ...this.connections])
      conn.close(1011, 'storage_failed')
    this.#options.onStorageFailed?.(this)
  }

  /**
   * Resolves once every change applied so far is written; for HTTP answers,
   * which must acknowledge nothing that is not stored.
   * @throws AppError storage_failed (503) when writing failed
   */
  async flushed(): Promise<void> {
    try {
      await this.#written
    } catch {
      throw storageFailed()
    }
    if (this.#storageFailed) throw storageFailed()
  }

  /**
   * An update another instance accepted, checked and stored (cluster): applied
   * here and sent to this instance's sockets. Block ids in it are that instance's
   * to settle (its own server change follows through the stream); here the index
   * only learns them.
   */
  applyRemote(personId: string, update: Uint8Array): void {
    if (!this.#built) {
      this.#backlog.holdRemote(personId, update)
      return
    }
    const tr = captureTransaction(this.doc, REMOTE_ORIGIN, () =>
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN),
    )
    this.authorship.provenance.takeLineage()
    if (!tr) return
    this.authorship.recordTransaction(personId, tr)
    this.#fullState = null
    this.#size += update.length
    const frame = binaryFrame(updateMessage(update))
    for (const conn of this.connections) conn.sendFrame(frame)
    this.#blocks.settle(olderFirst(changedTextblocks(tr), tr))
    this.#options.onRemoteChange?.(this.id)
  }

  /**
   * Changes the text on the server's behalf, credited to `personId` (imports,
   * restores, accepted amendments). The status is checked here, in the turn of
   * writing: a change that began before the proposal was frozen never lands
   * after it. Block ids are the one exception (`#assignBlockIds` writes
   * directly): they change no text.
   * @throws AppError frozen (409) once the proposal is `vastgesteld`; storage_failed
   *   (503) once writing this proposal failed (callers await `flushed` before answering)
   */
  writeAsServer(personId: string, change: () => void): void {
    if (this.#storageFailed) throw storageFailed()
    if (isFrozen(this.status)) throw textFrozen()
    this.#writer.write(personId, change)
  }

  /** The full state encoded, kept until the next change: many readers of an unchanged text cost one encode. */
  encodedState(): Uint8Array {
    this.#fullState ??= Y.encodeStateAsUpdate(this.doc)
    return this.#fullState
  }

  /** Encodes the live document and replaces the log with it. */
  compact(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.doc)
    this.#size = state.length
    this.#fullState = state
    return this.#options.storage.documents.compact(this.id, {
      state,
      authorship: this.authorship.encode(),
    })
  }

  /** Sends an event (E1) to every socket of the proposal, on every instance. */
  sendEvent(event: RoomEvent): void {
    this.#options.publish({ kind: 'event', event })
  }

  /** Sends an event to this instance's sockets of the proposal. */
  deliverEvent(event: RoomEvent): void {
    const frame = binaryFrame(eventMessage(event))
    for (const conn of this.connections) conn.sendFrame(frame)
  }

  /** Sends each socket its own version of an event (people see different things). */
  sendEventPer(eventFor: (conn: Connection) => RoomEvent | null): void {
    for (const conn of this.connections) {
      const event = eventFor(conn)
      if (event) conn.send(eventMessage(event))
    }
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
    this.presence.destroy()
    this.doc.destroy()
  }
}
