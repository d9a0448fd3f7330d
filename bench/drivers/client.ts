/**
 * One benchmark client: a Y.Doc synced by the stock y-websocket client over `ws`, with
 * BroadcastChannel off so that clients in one process cannot sync behind the server's back.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { pollUntil } from '../lib/clock.ts'

/** Where a client connects: `new WebsocketProvider(serverUrl, room, doc, { params })`. */
export interface Endpoint {
  serverUrl: string
  room: string
  params: Record<string, string>
}

export interface BenchClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Close codes and reasons the server sent this client, in order (`4400 bad_request`). */
  readonly closeCodes: string[]
  destroy(): void
}

/** Opens a client with a fixed Yjs client id (so receivers can tell who wrote what). */
export function openClient(
  endpoint: Endpoint,
  clientId: number,
  localAddress?: string,
): BenchClient {
  const doc = new Y.Doc()
  doc.clientID = clientId
  // `ws` takes its options as the third argument; y-websocket passes only url and protocols
  const Socket = localAddress
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { localAddress })
        }
      }
    : WebSocket
  const provider = new WebsocketProvider(endpoint.serverUrl, endpoint.room, doc, {
    params: endpoint.params,
    disableBc: true,
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    // a benchmark client never gives up on a server under load
    maxBackoffTime: 1000,
  })
  // the project's server sends its own events as message type 100 (contract E1)
  provider.messageHandlers[100] = () => {}
  const closeCodes: string[] = []
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(`${event.code}${event.reason ? ` ${event.reason}` : ''}`)
  })
  return {
    doc,
    provider,
    closeCodes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits until the client has the server's state (sync step 2 received). */
export async function waitSynced(client: BenchClient, timeoutMs: number): Promise<void> {
  const ok = await pollUntil(() => client.provider.synced, timeoutMs, 20)
  if (!ok) {
    const codes = client.closeCodes.length ? ` (closed with ${client.closeCodes.join(', ')})` : ''
    throw new Error(`client ${client.doc.clientID} not synced in ${timeoutMs} ms${codes}`)
  }
}

/** True when `doc` holds at least every clock of `stateVector`. */
export function covers(doc: Y.Doc, stateVector: Map<number, number>): boolean {
  for (const [client, clock] of stateVector) {
    if (Y.getState(doc.store, client) < clock) return false
  }
  return true
}
