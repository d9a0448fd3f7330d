/**
 * The stock y-websocket reference server (`@y/websocket-server` 0.1.1) on a free port,
 * in memory, shaped like the project's `startServer()` so tests and benchmarks can run
 * against either. It speaks the sync protocol at `/sync/<proposalId>` (S1) and nothing
 * of the project's rules: no tokens, no roles, no blockIds (B1), no events.
 * For comparison it also answers `GET /api/proposals/:id/content` (H3's `doc` and `text`,
 * read from the in-memory Y.Doc) and `GET /healthz`.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getSchema } from '@tiptap/core'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { docs, getYDoc, setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../shared/schema.ts'

/** The reference server, with the parts of the project server's test handle it can fill. */
export interface ReferenceServer {
  /** `http://127.0.0.1:PORT` */
  url: string
  port: number
  /** `ws://127.0.0.1:PORT`; clients append `/sync` (S1). */
  wsUrl: string
  /** Any string: the reference server checks no tokens. */
  adminToken: string
  /** Returns a dummy token; the reference server has no people. */
  invite(input: { name: string }): Promise<{ person: { id: string; name: string }; token: string }>
  /** The in-memory Y.Doc of a proposal (created empty on first use). */
  ydoc(proposalId: string): Y.Doc
  /**
   * Closes every socket and the port, then serves again on the same port from a copy
   * of each document's encoded state, as a server that reloads from storage would.
   */
  restart(): Promise<void>
  /** Closes every socket and the port and forgets this server's documents. */
  close(): Promise<void>
}

const PROPOSAL_PATH = /^\/sync\/([^/?]+)(?:\?.*)?$/
const CONTENT_PATH = /^\/api\/proposals\/([^/?]+)\/content(?:\?.*)?$/

/**
 * Starts the reference server on `127.0.0.1` and a free port (port 0, so tests can run
 * side by side). Documents live in `@y/websocket-server`'s module-wide map under a
 * prefix unique to this server, so several servers in one process do not share text.
 */
export async function startReferenceServer(): Promise<ReferenceServer> {
  const prefix = `${randomUUID()}/`
  const schema = getSchema(createSchemaExtensions())
  const docName = (proposalId: string) => prefix + decodeURIComponent(proposalId)

  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    const content = CONTENT_PATH.exec(req.url ?? '')
    if (req.method === 'GET' && content?.[1]) {
      const id = decodeURIComponent(content[1])
      const root = yXmlFragmentToProseMirrorRootNode(
        getYDoc(docName(id)).getXmlFragment(FRAGMENT_NAME),
        schema,
      )
      const lines: string[] = []
      root.descendants((node) => {
        if (!node.isTextblock) return true
        lines.push(node.textContent)
        return false
      })
      const body = { id, title: id, status: 'concept', doc: root.toJSON(), text: lines.join('\n') }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      return
    }
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      return
    }
    res.writeHead(404).end()
  }

  let port = 0
  let http: Server
  let wss: WebSocketServer

  const listen = async () => {
    http = createServer(handleHttp)
    wss = new WebSocketServer({ noServer: true })
    http.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (conn) => {
        const match = PROPOSAL_PATH.exec(req.url ?? '')
        if (!match?.[1]) {
          conn.close(4404, 'not_found')
          return
        }
        setupWSConnection(conn, req, { docName: docName(match[1]) })
      })
    })
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve))
    port = (http.address() as AddressInfo).port
  }

  const stop = async () => {
    for (const conn of wss.clients) conn.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    http.closeAllConnections()
    await new Promise<void>((resolve) => http.close(() => resolve()))
  }

  const ownDocs = () => [...docs.keys()].filter((name) => name.startsWith(prefix))

  await listen()
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    adminToken: 'reference-server',
    invite: async ({ name }) => ({ person: { id: name, name }, token: `reference-${name}` }),
    ydoc: (proposalId) => getYDoc(docName(proposalId)),
    restart: async () => {
      await stop()
      for (const name of ownDocs()) {
        const old = docs.get(name)
        if (!old) continue
        const state = Y.encodeStateAsUpdate(old)
        docs.delete(name)
        old.destroy()
        Y.applyUpdate(getYDoc(name), state)
      }
      await listen()
    },
    close: async () => {
      await stop()
      for (const name of ownDocs()) {
        docs.get(name)?.destroy()
        docs.delete(name)
      }
    },
  }
}
