/**
 * Two writers, each leaving a valid text, whose edits together would leave an
 * invalid one (contract S9, docs/DECISIONS.md): neither is refused, the server
 * repairs the merge as its own change, and every replica and storage end with
 * the same valid text and the same Yjs state.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import {
  type HeadlessEditor,
  startHeadlessEditor,
  waitForConvergence,
} from '../helpers/headlessEditor.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { expectValidDocument, storedDoc } from '../helpers/structure.ts'
import { fragmentOf } from '../helpers/ydoc.ts'

const P1 = '/api/proposals/voorstel-1'

/** Deletes the `index`-th child of the first `container` node, as a selection and Delete would. */
function deleteChild(h: HeadlessEditor, container: string, index: number): void {
  let range: { from: number; to: number } | null = null
  h.editor.state.doc.descendants((node, pos) => {
    if (range || node.type.name !== container) return !range
    let offset = pos + 1
    node.forEach((child, _, i) => {
      if (i === index) range = { from: offset, to: offset + child.nodeSize }
      offset += child.nodeSize
    })
    return false
  })
  if (!range) throw new Error(`no ${container} with a child ${index}`)
  h.editor.chain().deleteRange(range).run()
}

describe('edits valid alone, invalid together', () => {
  let server: TestServer
  const editors: HeadlessEditor[] = []
  afterEach(async () => {
    for (const e of editors.splice(0)) e.destroy()
    await server.close()
  })

  for (const [container, html, expected] of [
    [
      'bulletList',
      '<p>Voor</p><ul><li><p>Een</p></li><li><p>Twee</p></li></ul><p>Na</p>',
      'Voor\nNa',
    ],
    [
      'blockquote',
      '<p>Voor</p><blockquote><p>Een</p><p>Twee</p></blockquote><p>Na</p>',
      'Voor\nNa',
    ],
  ] as const) {
    it(`[S9][S8] two writers each delete one of the two children of a ${container}: neither is refused, the server repairs, all replicas and storage agree`, {
      timeout: 60_000,
    }, async () => {
      server = await startServer()
      const people = await Promise.all(
        ['Anna', 'Bram'].map((name) =>
          server.invite({ name, role: 'writer', proposals: ['voorstel-1'] }),
        ),
      )
      const open = (token: string, name: string) => {
        const h = startHeadlessEditor({
          wsUrl: server.wsUrl,
          proposalId: 'voorstel-1',
          token,
          name,
        })
        editors.push(h)
        return h
      }
      const a = open(people[0]!.token, 'Anna')
      const b = open(people[1]!.token, 'Bram')
      await Promise.all([a.synced(), b.synced()])
      a.editor.commands.setContent(html)
      await waitForConvergence([a, b], {
        check: (doc) => (JSON.stringify(doc).includes('Twee') ? null : 'waiting'),
      })

      const held = fragmentOf(b.doc)
        .toArray()
        .find((child) => child instanceof Y.XmlElement && child.nodeName === container)
      const containerId = (held as Y.XmlElement)._item!.id
      // Anna deletes the first child offline; Bram the second, online.
      a.disconnect()
      deleteChild(a, container, 0)
      deleteChild(b, container, 1)
      await waitForConvergence([b], {
        serverDoc: async () => (await server.api<{ doc: unknown }>(`${P1}/content`)).body.doc,
      })
      a.connect()

      const c = open(server.adminToken, 'Carla')
      const agreed = await waitForConvergence([a, b, c], {
        serverDoc: async () => (await server.api<{ doc: unknown }>(`${P1}/content`)).body.doc,
        check: (doc) =>
          JSON.stringify(doc).includes(container) ? `${container} still there` : null,
      })
      expectValidDocument(agreed)
      expect(a.text()).toBe(expected)
      expect([a, b, c].map((h) => h.provider.wsconnected)).toEqual([true, true, true])
      // The server removed the emptied container itself, as its own change.
      const room = server.server.services.rooms.peek('voorstel-1')!
      expect(room.authorship.deleterOf(containerId.client, containerId.clock)).toBe('systeem')
      // Storage holds the same Yjs state as every replica: the repair was stored.
      const stored = await storedDoc(server, 'voorstel-1')
      for (const h of [a, b, c])
        expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(h.doc))).toBe(true)
    })
  }
})

describe('deletions alone, from a client that is not the editor', () => {
  let server: TestServer
  const editors: HeadlessEditor[] = []
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const e of editors.splice(0)) e.destroy()
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
  })

  it('[S9][S8] deleting every item of a list but not the list is applied and mended; a deletion that also adds a wrong child is refused', {
    timeout: 60_000,
  }, async () => {
    server = await startServer()
    const [anna, bram] = await Promise.all(
      ['Anna', 'Bram'].map((name) =>
        server.invite({ name, role: 'writer', proposals: ['voorstel-1'] }),
      ),
    )
    const honest = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: anna!.token,
      name: 'Anna',
    })
    editors.push(honest)
    await honest.synced()
    honest.editor.commands.setContent(
      '<p>Voor</p><ul><li><p>Een</p></li><li><p>Twee</p></li></ul><p>Na</p>',
    )
    const raw = connectClient(server.wsUrl, 'voorstel-1', bram!.token)
    clients.push(raw)
    await raw.synced()
    const listOf = (doc: Y.Doc) =>
      fragmentOf(doc)
        .toArray()
        .find((child) => child instanceof Y.XmlElement && child.nodeName === 'bulletList') as
        | Y.XmlElement
        | undefined
    await vi.waitFor(() => expect(listOf(raw.doc)?.length).toBe(2))

    // What no editor sends: the items go, the list stays.
    listOf(raw.doc)!.delete(0, 2)
    const agreed = await waitForConvergence([honest], {
      serverDoc: async () => (await server.api<{ doc: unknown }>(`${P1}/content`)).body.doc,
      check: (doc) => (JSON.stringify(doc).includes('bulletList') ? 'list still there' : null),
    })
    expectValidDocument(agreed)
    expect(honest.text()).toBe('Voor\nNa')
    await vi.waitFor(() => expect(listOf(raw.doc)).toBeUndefined())
    expect(raw.closeCodes).toEqual([])
    const stored = await storedDoc(server, 'voorstel-1')
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(raw.doc))).toBe(true)

    // The same path refuses what deletions cannot excuse: text straight in the root.
    fragmentOf(raw.doc).insert(0, [new Y.XmlText('los')])
    await vi.waitFor(() => expect(raw.closeCodes).toEqual([4400]))
    expect(honest.text()).toBe('Voor\nNa')
  })
})
