/**
 * The sync endpoint `ws://HOST:PORT/sync/<proposalId>?token=…` (contract S1).
 * Every socket is accepted and then, if it may not stay, closed with a 44xx code
 * (A4): rejecting the upgrade itself would make y-websocket retry forever.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import { CloseCode, isWellFormedId, Limits, SYNC_PATH } from '../../shared/protocol.ts'
import type { Authenticator } from '../auth/Authenticator.ts'
import { canSee } from '../auth/Principal.ts'
import type { Logger } from '../log.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { Connection } from './Connection.ts'
import { SocketCounts } from './SocketCounts.ts'

export interface SyncEndpointOptions {
  metrics: Metrics
  /** Sockets one person may have open at once; more close with 4429. */
  maxSocketsPerPerson: number
  /** Sockets one network address may have open at once; more close with 4429. */
  maxSocketsPerAddress: number
  authenticator: Authenticator
  storage: Storage
  rooms: Rooms
  log: Logger
  connections: Set<Connection>
  maxBufferedBytes: number
}

export class SyncEndpoint {
  readonly #options: SyncEndpointOptions
  // Frames up to 8× the limit are read and answered with 4413; larger ones are
  // cut off by ws itself before they are buffered.
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: Limits.maxFrameBytes * 8 })

  readonly #counts: SocketCounts

  constructor(options: SyncEndpointOptions) {
    this.#options = options
    this.#counts = new SocketCounts(options.maxSocketsPerPerson, options.maxSocketsPerAddress)
  }

  /** @returns false when the request is not for the sync endpoint */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(`${SYNC_PATH}/`)) return false
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      void this.#accept(ws, url, request)
    })
    return true
  }

  async #accept(ws: WebSocket, url: URL, request: IncomingMessage): Promise<void> {
    const { log, authenticator, storage, rooms } = this.#options
    // Frames that arrive while the proposal loads wait here (S3).
    const queued: Buffer[] = []
    let handle: ((data: Buffer) => void) | null = null
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary && data.length === 0) return
      if (handle) handle(data)
      else queued.push(data)
    })
    ws.on('error', (error) => log.debug('socket error', { error: String(error) }))
    const refuse = (close: { code: number; reason: string }) => {
      this.#options.metrics.countRefused(close.reason)
      ws.close(close.code, close.reason)
    }

    const principal = await authenticator.authenticate(url.searchParams.get('token'))
    if (!principal) return refuse(CloseCode.unauthorized)
    const proposalId = decodePathPart(url.pathname.slice(SYNC_PATH.length + 1))
    if (proposalId === null || !isWellFormedId(proposalId)) return refuse(CloseCode.badRequest)
    if (!canSee(principal, proposalId)) return refuse(CloseCode.forbidden)
    if (!(await storage.proposals.get(proposalId))) return refuse(CloseCode.notFound)
    if (ws.readyState !== ws.OPEN) return
    const address = request.socket.remoteAddress ?? 'unknown'
    if (!this.#counts.take(principal.person.id, address)) return refuse(CloseCode.tooMany)
    ws.once('close', () => this.#counts.release(principal.person.id, address))

    const conn = new Connection(ws, principal, proposalId, {
      maxBufferedBytes: this.#options.maxBufferedBytes,
      onRefused: (reason) => this.#options.metrics.countRefused(reason),
    })
    ws.on('pong', () => {
      conn.pingSentAt = null
    })
    let room: Room
    try {
      room = await rooms.get(proposalId)
    } catch (error) {
      log.error('loading a proposal failed', { proposal: proposalId, error: String(error) })
      ws.close(1011, 'load_failed')
      return
    }
    if (ws.readyState !== ws.OPEN) {
      rooms.release(room, conn)
      return
    }
    this.#options.connections.add(conn)
    room.addConnection(conn)
    ws.on('close', () => {
      this.#options.connections.delete(conn)
      rooms.release(room, conn)
    })
    log.debug('socket joined', {
      proposal: proposalId,
      person: conn.personId,
      address: request.socket.remoteAddress,
    })
    room.greet(conn)
    handle = (data) => {
      if (conn.closed) return
      if (data.length > Limits.maxFrameBytes)
        return conn.close(CloseCode.tooLarge.code, CloseCode.tooLarge.reason)
      room.handleMessage(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    }
    for (const data of queued.splice(0)) handle(data)
  }

  /** Closes every socket with `code` (1001 on shutdown: clients reconnect). */
  close(code: number, reason: string): void {
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
