/**
 * The sync endpoint `ws://HOST:PORT/sync/<proposalId>?token=…` (contract S1).
 * Every socket is accepted and then, if it may not stay, closed with a 44xx code
 * (A4): rejecting the upgrade itself would make y-websocket retry forever.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import {
  CloseCode,
  EVENTS_PARAM,
  isWellFormedId,
  Limits,
  SYNC_PATH,
} from '../../shared/protocol.ts'
import type { Authenticator } from '../auth/Authenticator.ts'
import { canSee, type Principal } from '../auth/Principal.ts'
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { Connection } from './Connection.ts'
import { MessageIntake } from './MessageIntake.ts'
import { refuseOversizedFrames } from './refuseOversizedFrames.ts'
import { type SocketCounter, SocketCounts } from './SocketCounts.ts'

export interface SyncEndpointOptions {
  metrics: Metrics
  /** Sockets one person may have open at once; more close with 4429. */
  maxSocketsPerPerson: number
  /** Sockets one network address may have open at once; more close with 4429. */
  maxSocketsPerAddress: number
  /** Counts shared by several instances (cluster); by default this instance counts alone. */
  socketCounts?: SocketCounter | undefined
  authenticator: Authenticator
  storage: Storage
  rooms: Rooms
  log: Logger
  connections: Set<Connection>
  maxBufferedBytes: number
  /** Time one turn of the event loop spends on sockets' messages before they wait (MessageIntake). */
  messageBudgetMs: number
}

/** What the checks decided about a socket: let it in (with its room) or close it. */
type Admission =
  | { refusal: { code: number; reason: string } }
  | { principal: Principal; proposalId: string; room: Room; release: () => void; mark: number }

export class SyncEndpoint {
  readonly #options: SyncEndpointOptions
  // A frame over the limit is refused as soon as its length is read, before any
  // of it is held (see `refuseOversizedFrames`).
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: Limits.maxFrameBytes })

  readonly #counts: SocketCounter
  readonly #intake: MessageIntake
  #shuttingDown = false

  constructor(options: SyncEndpointOptions) {
    this.#options = options
    this.#intake = new MessageIntake(options.messageBudgetMs)
    this.#counts =
      options.socketCounts ??
      new SocketCounts(options.maxSocketsPerPerson, options.maxSocketsPerAddress)
  }

  /** @returns false when the request is not for the sync endpoint */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(`${SYNC_PATH}/`)) return false
    // Every check and the proposal's load happen before the upgrade completes:
    // until then the client cannot send frames, so none can race the greeting.
    this.#admit(url, request)
      .catch((error: unknown): Admission => {
        this.#options.log.error('admitting a socket failed', { error: String(error) })
        return { refusal: { code: 1011, reason: 'server_error' } }
      })
      .then((admission) => {
        if (socket.destroyed || !socket.writable) {
          // The client left while we checked: nothing to upgrade, nothing to keep.
          if ('room' in admission) {
            admission.release()
            this.#options.rooms.releaseIdle(admission.room)
          }
          socket.destroy()
          return
        }
        const wantsEvents = url.searchParams.get(EVENTS_PARAM) === '1'
        this.#wss.handleUpgrade(request, socket, head, (ws) =>
          this.#attach(ws, admission, request, wantsEvents),
        )
      })
    return true
  }

  /**
   * The checks of the contract's order (A4), the socket caps, and the room.
   * After every await it asks again whether the person was revoked meanwhile.
   */
  async #admit(url: URL, request: IncomingMessage): Promise<Admission> {
    const { authenticator, storage, rooms } = this.#options
    const mark = rooms.closes.mark()
    const principal = await authenticator.authenticate(url.searchParams.get('token'))
    if (!principal) return { refusal: CloseCode.unauthorized }
    const proposalId = decodePathPart(url.pathname.slice(SYNC_PATH.length + 1))
    if (proposalId === null || !isWellFormedId(proposalId)) return { refusal: CloseCode.badRequest }
    if (!canSee(principal, proposalId)) return { refusal: CloseCode.forbidden }
    const closedMeanwhile = () => rooms.closes.since(principal.person.id, mark)
    const exists = await storage.proposals.get(proposalId)
    let closed = closedMeanwhile()
    if (closed) return { refusal: closed }
    if (!exists) return { refusal: CloseCode.notFound }
    const address = request.socket.remoteAddress ?? 'unknown'
    const counted = await this.#counts.take(principal.person.id, address)
    const release = () => this.#counts.release(principal.person.id, address)
    closed = closedMeanwhile()
    if (closed) {
      if (counted) release()
      return { refusal: closed }
    }
    if (!counted) return { refusal: CloseCode.tooMany }
    try {
      const room = await rooms.open(proposalId)
      closed = closedMeanwhile()
      if (closed) {
        release()
        rooms.releaseIdle(room)
        return { refusal: closed }
      }
      return { principal, proposalId, room, release, mark }
    } catch (error) {
      release()
      this.#options.log.error('loading a proposal failed', {
        proposal: proposalId,
        error: String(error),
      })
      return { refusal: { code: 1011, reason: 'load_failed' } }
    }
  }

  #attach(
    ws: WebSocket,
    admission: Admission,
    request: IncomingMessage,
    wantsEvents: boolean,
  ): void {
    const { log, rooms } = this.#options
    ws.on('error', (error) => log.debug('socket error', { error: String(error) }))
    if (!('room' in admission)) {
      this.#options.metrics.countRefused(admission.refusal.reason)
      ws.close(admission.refusal.code, admission.refusal.reason)
      return
    }
    const { principal, proposalId, room, release, mark } = admission
    // The last look before the socket joins its room; after that, a revocation
    // finds it there (Rooms closes every socket of the person).
    const closed = rooms.closes.since(principal.person.id, mark)
    if (closed) {
      release()
      rooms.releaseIdle(room)
      this.#options.metrics.countRefused(closed.reason)
      ws.close(closed.code, closed.reason)
      return
    }
    ws.once('close', release)
    const conn = new Connection(ws, principal, proposalId, {
      maxBufferedBytes: this.#options.maxBufferedBytes,
      onRefused: (reason) => this.#options.metrics.countRefused(reason),
      wantsEvents,
    })
    ws.on('pong', () => {
      conn.pingSentAt = null
    })
    this.#options.connections.add(conn)
    room.addConnection(conn)
    refuseOversizedFrames(ws, () => conn.close(CloseCode.tooLarge.code, CloseCode.tooLarge.reason))
    const handle = (data: Buffer) => {
      if (conn.closedByServer || this.#shuttingDown) return
      try {
        room.handleMessage(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      } catch (error) {
        // A frame no check foresaw must cost its own socket, never the server.
        log.error('handling a frame failed', {
          proposal: proposalId,
          person: conn.personId,
          error: String(error),
        })
        conn.close(1011, 'server_error')
      }
    }
    // The room learns of the close only after what the client sent before leaving
    // is handled (it may still wait its turn in the intake).
    const intake = this.#intake.source(ws, handle, () => {
      this.#options.connections.delete(conn)
      rooms.release(room, conn)
    })
    ws.on('message', intake.receive)
    ws.on('close', intake.closed)
    log.debug('socket joined', {
      proposal: proposalId,
      person: conn.personId,
      address: request.socket.remoteAddress,
    })
    room.greet(conn)
  }

  /** Closes every socket with `code` (1001 on shutdown: clients reconnect). */
  close(code: number, reason: string): void {
    // What was received is handled before the sockets close; what comes after is
    // not (the rooms are about to leave memory; clients send it again on reconnect).
    this.#intake.flushAll()
    this.#shuttingDown = true
    for (const ws of this.#wss.clients) ws.close(code, reason)
    this.#wss.close()
  }
}

/** `decodeURIComponent`, or null for broken percent-encoding. */
function decodePathPart(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}
