/**
 * Two writers, each leaving a valid text, whose edits together would leave an
 * invalid one (contract S9, docs/DECISIONS.md): neither is refused, the server
 * repairs the merge as its own change, and every replica and storage end with
 * the same valid text and the same Yjs state.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
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
