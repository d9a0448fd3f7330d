import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, blocksOf, linesOf, textOfBlock } from '../helpers/ydoc.ts'

describe('sync', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const client = (proposal: string, token: string | null, doc?: Y.Doc) => {
    const c = connectClient(server.wsUrl, proposal, token, { doc })
    clients.push(c)
    return c
  }

  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
  })

  it('[S1][S2] two y-websocket clients write in one proposal and see each other', async () => {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const a = client('voorstel-1', anna.token)
    const b = client('voorstel-1', bram.token)
    await Promise.all([a.synced(), b.synced()])
    appendBlock(a.doc, 'Gemeenten nemen het voortouw.')
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('Gemeenten nemen het voortouw.'))
    textOfBlock(b.doc, 0).insert(0, 'Samen: ')
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe('Samen: Gemeenten nemen het voortouw.'))
    const content = await server.api<{ text: string; doc: { content: unknown[] } }>(
      '/api/proposals/voorstel-1/content',
    )
    expect(content.status).toBe(200)
    expect(content.body.text).toBe('Samen: Gemeenten nemen het voortouw.')
  })

  it('[B1] the server gives every new block an id and the younger of two blocks sharing one a new one', async () => {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const a = client('voorstel-1', anna.token)
    await a.synced()
    appendBlock(a.doc, 'Eerste')
    await vi.waitFor(() => expect(blocksOf(a.doc)[0]?.getAttribute('blockId')).toMatch(/^p-/))
    const firstId = blocksOf(a.doc)[0]!.getAttribute('blockId')!
    appendBlock(a.doc, 'Kopie', 'paragraph', { blockId: firstId })
    await vi.waitFor(() => {
      const ids = blocksOf(a.doc).map((block) => block.getAttribute('blockId'))
      expect(ids[0]).toBe(firstId)
      expect(ids[1]).toMatch(/^p-/)
      expect(ids[1]).not.toBe(firstId)
    })
  })
})
