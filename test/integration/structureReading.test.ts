/**
 * Reading a proposal never changes its document (contract S9), also when the
 * stored text holds shapes the schema does not allow (stored before the
 * structure checks, or written into storage directly): every reader answers,
 * and no byte of the stored document, nor the live document's state, changes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { inFuture, P1, saveVersion } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { expectValidDocument, storedBytes } from '../helpers/structure.ts'
import { el } from '../helpers/wrongShapes.ts'

/** An update holding every shape the old checks let in, each passage with its id. */
function brokenText(): Uint8Array {
  const doc = new Y.Doc()
  const link = new Y.XmlText()
  link.insert(0, 'Klik hier', { link: { href: 'javascript:alert(1)', target: '_self' } })
  const withValue = el('paragraph', ['Met een waarde.'], { blockId: 'b-4' })
  withValue.insert(1, [{ html: '<img>' }] as never)
  doc.getXmlFragment('default').insert(0, [
    el('paragraph', ['Gewone alinea.'], { blockId: 'b-1', onclick: 'x' }),
    new Y.XmlText('Losse tekst.'),
    el('text', ['In een tekst-element.']),
    el('paragraph', ['Voor ', el('heading', ['Kop in alinea'], { level: 1, blockId: 'b-3' })], {
      blockId: 'b-2',
    }),
    withValue,
    el('paragraph', [link], { blockId: 'b-5' }),
    el('heading', ['Rare kop'], { level: 'abc', blockId: 'b-6' }),
    el('bulletList'),
    el('listItem', [el('paragraph', ['Los item.'], { blockId: 'b-7' })]),
  ])
  return Y.encodeStateAsUpdate(doc)
}

const WORDS = [
  'Gewone',
  'Losse',
  'tekst-element',
  'Kop in alinea',
  'waarde',
  'Klik hier',
  'Rare kop',
  'Los item',
]

describe('reading an invalid stored text', () => {
  let server: TestServer
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
  })

  it('[S9] every reader answers 200, and reading changes no byte of the stored document nor the live state', {
    timeout: 60_000,
  }, async () => {
    server = await startServer()
    const { storage } = server.server.services
    await storage.documents.append('voorstel-1', { personId: 'systeem', update: brokenText() })
    const { token } = await server.invite({
      name: 'Lies',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    // A socket keeps the proposal open, and sees any change the server would make.
    const watcher = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(watcher)
    await watcher.synced()
    const room = server.server.services.rooms.peek('voorstel-1')!
    const stored = await storedBytes(server, 'voorstel-1')
    const live = Y.encodeStateAsUpdate(room.doc)
    const seen = Y.encodeStateAsUpdate(watcher.doc)

    const content = await server.api<{ doc: unknown; text: string }>(`${P1}/content`)
    expect(content.status).toBe(200)
    expectValidDocument(content.body.doc)
    for (const word of WORDS) expect(content.body.text).toContain(word)
    expect(JSON.stringify(content.body.doc)).not.toContain('javascript:')
    for (const format of ['md', 'html', 'docx']) {
      const answer = await server.api<string>(`${P1}/export?format=${format}`)
      expect(answer.status, format).toBe(200)
      if (format !== 'docx') expect(answer.body).not.toContain('javascript:')
    }
    const versionId = await saveVersion(server, 'Zoals opgeslagen')
    expect((await server.api(`${P1}/versions/${versionId}`)).status).toBe(200)
    expect((await server.api(`${P1}/versions/${versionId}/diff?against=current`)).status).toBe(200)
    const thread = await server.api(`${P1}/threads`, {
      method: 'POST',
      body: { body: 'Vraag', quote: 'Gewone alinea' },
    })
    expect(thread.status).toBe(201)
    const round = await server.api<{ id: string }>(`${P1}/rounds`, {
      method: 'POST',
      body: { versionId, closesAt: inFuture() },
    })
    expect(round.status).toBe(201)
    expect((await server.api(`${P1}/rounds/${round.body.id}/summary`)).status).toBe(200)
    for (const format of ['md', 'html', 'docx']) {
      const memorandum = await server.api(
        `${P1}/rounds/${round.body.id}/reactienota?format=${format}`,
      )
      expect(memorandum.status, format).toBe(200)
    }

    expect(await storedBytes(server, 'voorstel-1')).toEqual(stored)
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(live)
    expect(Y.encodeStateAsUpdate(watcher.doc)).toEqual(seen)
  })
})
