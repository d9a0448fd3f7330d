/**
 * Real y-websocket clients for tests. `disableBc` is always on: Node has a
 * global BroadcastChannel, through which clients in one process would otherwise
 * sync behind the server's back.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { EVENTS_PARAM, MessageType } from '../../shared/protocol.ts'

// Every y-websocket provider adds a process 'exit' listener; tests open dozens.
process.setMaxListeners(200)

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** The close of the socket that ended the connection for good (44xx), if any. */
  closed: { code: number; reason: string } | null
  /** Every close code the client saw. */
  closeCodes: number[]
  /** Server events (E1) received; only a client made with `events: true` asks for them. */
  events: Array<{ type: string } & Record<string, unknown>>
  /** Resolves when the client has synced with the server. */
  synced(): Promise<void>
  /**
   * Once synced: sends a sync step 1 on the client's socket and resolves when the
   * server's answer (a sync step 2) arrives. The server handles one socket's frames
   * in order, so by then it has handled, and not refused, all the client sent before.
   * @throws when the socket closes first
   */
  roundTrip(): Promise<void>
  destroy(): void
}

export function connectClient(
  wsUrl: string,
  proposalId: string,
  token: string | null,
  options: { doc?: Y.Doc; connect?: boolean; events?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  // A stock client sends only its token; `events: true` asks for server events (E1)
  // as the editor does.
  const params: Record<string, string> = token === null ? {} : { token }
  if (options.events) params[EVENTS_PARAM] = '1'
  const provider = new WebsocketProvider(`${wsUrl}/sync`, proposalId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  })
  const client: TestClient = {
    doc,
    provider,
    closed: null,
    closeCodes: [],
    events: [],
    synced: () =>
      new Promise<void>((resolve, reject) => {
        if (provider.synced) return resolve()
        const onSync = (state: boolean) => {
          if (!state) return
          provider.off('sync', onSync)
          resolve()
        }
        provider.on('sync', onSync)
        provider.once('closed', (event: { code: number; reason: string }) =>
          reject(new Error(`closed with ${event.code} ${event.reason}`)),
        )
      }),
    roundTrip: () =>
      new Promise<void>((resolve, reject) => {
        const socket = provider.ws
        if (!provider.synced || !socket) return reject(new Error('round trip before sync'))
        const done = (error?: Error) => {
          answered.delete(onAnswer)
          provider.off('connection-close', onClose)
          if (error) reject(error)
          else resolve()
        }
        const onAnswer = () => done()
        const onClose = (event: CloseEvent | null) =>
          done(new Error(`closed before the answer: ${event?.code} ${event?.reason}`))
        answered.add(onAnswer)
        provider.on('connection-close', onClose)
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MessageType.sync)
        syncProtocol.writeSyncStep1(encoder, doc)
        socket.send(encoding.toUint8Array(encoder))
      }),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  // Every sync step 2 from the server, after y-websocket has applied it.
  const answered = new Set<() => void>()
  const handleSync = provider.messageHandlers[MessageType.sync]!
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, ...rest) => {
    const step = decoding.peekVarUint(decoder)
    handleSync(encoder, decoder, ...rest)
    if (step === syncProtocol.messageYjsSyncStep2) for (const answer of [...answered]) answer()
  }
  if (options.events) {
    provider.messageHandlers[MessageType.event] = (_encoder, decoder: decoding.Decoder) => {
      client.events.push(JSON.parse(decoding.readVarString(decoder)))
    }
  }
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) client.closeCodes.push(event.code)
  })
  provider.on('closed', (event: { code: number; reason: string }) => {
    client.closed = event
  })
  return client
}

/**
 * Holds what a connected client sends, as a slow uplink would: its frames wait
 * until `release()` sends them, in order, on the same socket.
 */
export function holdOutgoing(client: TestClient): { release(): void } {
  const socket = client.provider.ws
  if (!socket) throw new Error('holdOutgoing: the client is not connected')
  const send = socket.send.bind(socket)
  type Frame = Parameters<typeof socket.send>[0]
  const held: Frame[] = []
  socket.send = (data: Frame) => {
    held.push(data)
  }
  return {
    release() {
      socket.send = send
      for (const data of held.splice(0)) send(data)
    },
  }
}

/** A raw socket to the sync endpoint, for frames no y-websocket client would send. */
export function openRawSocket(
  wsUrl: string,
  proposalId: string,
  token: string | null,
): Promise<WebSocket> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const socket = new WebSocket(`${wsUrl}/sync/${proposalId}${query}`)
  keepEarlyMessages(socket)
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

/**
 * The server greets a socket in the same packet as the upgrade answer, so its
 * first frames can arrive before a test (resumed after `await open`) listens.
 * They are kept and handed to the first 'message' listener, as if it had been
 * there from the start.
 */
function keepEarlyMessages(socket: WebSocket): void {
  const early: Array<[Buffer, boolean]> = []
  const keep = (data: Buffer, isBinary: boolean) => early.push([data, isBinary])
  socket.on('message', keep)
  for (const method of ['on', 'once', 'addListener'] as const) {
    const original = socket[method].bind(socket) as (
      event: string,
      listener: (...args: unknown[]) => void,
    ) => WebSocket
    ;(socket as unknown as Record<string, unknown>)[method] = (
      event: string,
      listener: (...args: unknown[]) => void,
    ) => {
      if (
        event === 'message' &&
        listener !== keep &&
        socket.listeners('message').includes(keep as never)
      ) {
        socket.off('message', keep)
        const replay = early.splice(0)
        if (method === 'once' && replay.length > 0) {
          queueMicrotask(() => listener(...replay[0]!))
          return socket
        }
        queueMicrotask(() => {
          for (const [data, isBinary] of replay) listener(data, isBinary)
        })
      }
      return original(event, listener)
    }
  }
}

/** Resolves with the close code and reason of a raw socket. */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) return resolve({ code: -1, reason: 'already closed' })
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
}

/** A sync "update" frame as y-websocket sends it. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
