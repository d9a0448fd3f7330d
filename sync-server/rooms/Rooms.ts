/**
 * The open proposals. A proposal is loaded once however many sockets join at
 * the same moment, and leaves memory `idleUnloadMs` after its last socket has
 * gone and its state is compacted to disk.
 */
import type { Status } from '../../shared/roles.ts'
import { type Bus, type BusMessage, PEOPLE_CHANNEL, proposalChannel } from '../cluster/Bus.ts'
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { SchemaRules } from '../structure/SchemaRules.ts'
import type { Connection } from '../transport/Connection.ts'
import { RecentCloses } from '../transport/RecentCloses.ts'
import { Room, type RoomEvent } from './Room.ts'

/** Handles a message about a proposal whose room this instance holds. */
export type RoomMessageHandler = (room: Room, message: BusMessage) => void

export interface RoomsOptions {
  storage: Storage
  /** Messages to and from the other instances (a LocalBus when alone). */
  bus: Bus
  log: Logger
  /** What the schema allows, for checking updates (S9). */
  rules: SchemaRules
  idleUnloadMs: number
  compactAfterBytes: number
  maxDocumentBytes: number
  awarenessFlushMs: number
  /** See `RoomOptions.coldBuildDelayMs`. */
  coldBuildDelayMs: number
  metrics?: Metrics | undefined
  /** Called after every accepted change of a proposal's text. */
  onTextChanged?: (proposalId: string, personId: string) => void
  /** Called once a proposal has left memory, so caches of it can go too. */
  onUnloaded?: (proposalId: string) => void
  /** Called after a change another instance accepted was applied here (cluster). */
  onRemoteChange?: (proposalId: string) => void
  /** Called when a proposal has been taken up by this instance (its stored state read). */
  onLoaded?: (room: Room) => void
}

export class Rooms {
  /** People whose sockets were closed lately (revocations), for sockets still being admitted. */
  readonly closes = new RecentCloses()
  readonly #options: RoomsOptions
  readonly #loading = new Map<string, Promise<Room>>()
  readonly #loaded = new Map<string, Room>()
  readonly #unloading = new Map<string, Promise<void>>()
  readonly #idleTimers = new Map<string, NodeJS.Timeout>()
  readonly #handlers = new Map<string, RoomMessageHandler>()
  readonly #subscriptions = new Map<string, () => void>()

  constructor(options: RoomsOptions) {
    this.#options = options
    this.on('status', (room, { status, event }) =>
      room.applyStatus(status as Status, event as RoomEvent),
    )
    this.on('event', (room, { event }) => room.deliverEvent(event as RoomEvent))
    this.on('awareness', (room, { update }) =>
      room.presence.applyRemote(Buffer.from(update as string, 'base64')),
    )
    options.bus.subscribe(PEOPLE_CHANNEL, ({ kind, personId, code, reason }) => {
      if (kind === 'close-person')
        this.#closeLocal(personId as string, code as number, reason as string)
    })
    // An fsync that failed after the append had been acknowledged.
    options.storage.documents.onFailure?.((proposalId, error) =>
      this.#loaded.get(proposalId)?.failStorage(error),
    )
  }

  /** This instance, as the bus knows it. */
  get instanceId(): string {
    return this.#options.bus.instanceId
  }

  /** Registers what to do with messages of `kind` about a proposal this instance holds. */
  on(kind: string, handler: RoomMessageHandler): void {
    this.#handlers.set(kind, handler)
  }

  /** Sends a message about a proposal to every instance holding it (this one unless `toSelf` is false). */
  publish(proposalId: string, message: BusMessage, toSelf = true): void {
    this.#options.bus.publish(proposalChannel(proposalId), message, toSelf)
  }

  /** Messages for a room that is still loading wait for it; those for others are dropped. */
  #dispatch(proposalId: string, message: BusMessage): void {
    const handler = this.#handlers.get(message.kind)
    if (!handler) return
    this.#loading
      .get(proposalId)
      ?.then((room) => room.ready.then(() => handler(room, message)))
      .catch((error) =>
        this.#options.log.error('handling a message failed', {
          proposal: proposalId,
          kind: message.kind,
          error: String(error),
        }),
      )
  }

  /**
   * The room of a proposal with its document built; loads it if needed
   * (concurrent calls share one load).
   */
  async get(proposalId: string): Promise<Room> {
    const room = await this.open(proposalId)
    await room.ready
    return room
  }

  /**
   * The room of a proposal as soon as its stored state is read: sockets may join
   * and ask for everything while the document is still being built (cold open).
   */
  open(proposalId: string): Promise<Room> {
    this.#cancelIdle(proposalId)
    let loading = this.#loading.get(proposalId)
    if (!loading) {
      if (!this.#subscriptions.has(proposalId)) {
        const channel = proposalChannel(proposalId)
        this.#subscriptions.set(
          proposalId,
          this.#options.bus.subscribe(channel, (m) => this.#dispatch(proposalId, m)),
        )
      }
      loading = this.#load(proposalId)
      this.#loading.set(proposalId, loading)
      loading.catch(() => this.#loading.delete(proposalId))
    }
    return loading
  }

  /** The room if it is in memory, without loading it. */
  peek(proposalId: string): Room | undefined {
    return this.#loaded.get(proposalId)
  }

  async #load(proposalId: string): Promise<Room> {
    await this.#unloading.get(proposalId)
    const proposal = await this.#options.storage.proposals.get(proposalId)
    const room = new Room(proposalId, {
      storage: this.#options.storage,
      log: this.#options.log,
      rules: this.#options.rules,
      compactAfterBytes: this.#options.compactAfterBytes,
      publish: (message, toSelf) => this.publish(proposalId, message, toSelf),
      onRemoteChange: this.#options.onRemoteChange,
      shareAwareness: this.#options.bus.shared,
      maxDocumentBytes: this.#options.maxDocumentBytes,
      awarenessFlushMs: this.#options.awarenessFlushMs,
      coldBuildDelayMs: this.#options.coldBuildDelayMs,
      metrics: this.#options.metrics,
      onTextChanged: this.#options.onTextChanged,
      onStorageFailed: (failed) => this.#discard(failed),
    })
    await room.load((proposal?.status ?? 'concept') as Status)
    this.#loaded.set(proposalId, room)
    this.#options.onLoaded?.(room)
    this.#options.log.debug('proposal loaded', { proposal: proposalId })
    return room
  }

  /** Call when a socket of the room has closed; schedules the unload when it was the last. */
  release(room: Room, conn: Connection): void {
    room.removeConnection(conn)
    this.releaseIdle(room)
  }

  /** Schedules the unload of a room nobody is connected to (after an HTTP read, say). */
  releaseIdle(room: Room): void {
    if (room.connections.size > 0 || this.#idleTimers.has(room.id)) return
    const timer = setTimeout(() => {
      this.#idleTimers.delete(room.id)
      if (room.connections.size > 0) return
      this.#unload(room).catch((error) =>
        this.#options.log.error('unloading a proposal failed', {
          proposal: room.id,
          error: String(error),
        }),
      )
    }, this.#options.idleUnloadMs)
    timer.unref()
    this.#idleTimers.set(room.id, timer)
  }

  #cancelIdle(proposalId: string): void {
    const timer = this.#idleTimers.get(proposalId)
    if (timer) clearTimeout(timer)
    this.#idleTimers.delete(proposalId)
  }

  async #unload(room: Room): Promise<void> {
    if (this.#loaded.get(room.id) !== room) return
    this.#loaded.delete(room.id)
    this.#loading.delete(room.id)
    const done = (async () => {
      try {
        // Only a built document has a log; a cold room that nobody asked is not built for this.
        if (this.#options.storage.documents.logBytes(room.id) > 0) {
          await room.ready
          await room.compact()
        }
      } finally {
        room.destroy()
        if (!this.#loading.has(room.id)) {
          this.#subscriptions.get(room.id)?.()
          this.#subscriptions.delete(room.id)
        }
        this.#options.storage.documents.release(room.id)
        this.#options.onUnloaded?.(room.id)
        this.#options.log.debug('proposal unloaded', { proposal: room.id })
      }
    })()
    this.#unloading.set(room.id, done)
    try {
      await done
    } finally {
      if (this.#unloading.get(room.id) === done) this.#unloading.delete(room.id)
    }
  }

  /**
   * Drops a room whose writes failed, without compacting it: its document may
   * hold what storage does not. The next socket or reader loads the proposal
   * afresh from storage; the room's own sockets are closing already.
   */
  #discard(room: Room): void {
    if (this.#loaded.get(room.id) !== room) return
    this.#cancelIdle(room.id)
    this.#loaded.delete(room.id)
    this.#loading.delete(room.id)
    room.destroy()
    this.#subscriptions.get(room.id)?.()
    this.#subscriptions.delete(room.id)
    this.#options.storage.documents.release(room.id)
    this.#options.onUnloaded?.(room.id)
    this.#options.log.warn('proposal dropped from memory after a failed write', {
      proposal: room.id,
    })
  }

  /** Tells every instance holding the proposal that its status changed (H4), with the event (E1). */
  setStatus(proposalId: string, status: Status, event: RoomEvent): void {
    this.publish(proposalId, { kind: 'status', status, event })
  }

  /** Closes every socket of a person, on every proposal, on every instance (A5 revoke). */
  closeConnectionsOf(personId: string, code: number, reason: string): void {
    this.#options.bus.publish(PEOPLE_CHANNEL, { kind: 'close-person', personId, code, reason })
  }

  #closeLocal(personId: string, code: number, reason: string): void {
    this.closes.record(personId, code, reason)
    for (const room of this.#loaded.values()) {
      for (const conn of room.connections) if (conn.personId === personId) conn.close(code, reason)
    }
  }

  loadedCount(): number {
    return this.#loaded.size
  }

  /** Compacts and unloads everything (shutdown). */
  async closeAll(): Promise<void> {
    for (const timer of this.#idleTimers.values()) clearTimeout(timer)
    this.#idleTimers.clear()
    await Promise.allSettled([...this.#loading.values()])
    await Promise.all([...this.#loaded.values()].map((room) => this.#unload(room)))
    await Promise.all([...this.#unloading.values()])
  }
}
