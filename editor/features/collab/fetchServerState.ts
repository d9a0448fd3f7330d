import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { syncUrl } from './createCollab.ts'

/**
 * The server's whole text as it is now, read over a socket of its own into an
 * empty document: what the server sends an empty document is everything it
 * has and nothing of this browser's. The socket announces no presence, so
 * nobody sees this person twice, and it is closed once the text is in.
 * @throws Error when the server refuses the socket or does not answer in `timeoutMs`
 */
export function fetchServerState(
  proposalId: string,
  token: string,
  timeoutMs = 15_000,
): Promise<Uint8Array> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl(), proposalId, doc, {
    params: { token },
    connect: false,
    disableBc: true,
  })
  // No `events=1`: server events (E1) are for the open editor; this socket only reads.
  provider.awareness.setLocalState(null)
  return new Promise<Uint8Array>((resolve, reject) => {
    const finish = (result: Uint8Array | Error) => {
      clearTimeout(timer)
      provider.destroy()
      doc.destroy()
      if (result instanceof Error) reject(result)
      else resolve(result)
    }
    const timer = setTimeout(() => finish(new Error('no answer from the server')), timeoutMs)
    provider.on('sync', (synced: boolean) => {
      if (synced) finish(Y.encodeStateAsUpdate(doc))
    })
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        finish(new Error(`refused: ${event.code} ${event.reason}`))
      }
    })
    provider.connect()
  })
}
