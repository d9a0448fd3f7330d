import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  closeOf,
  connectClient,
  openRawSocket,
  type TestClient,
  updateFrame,
} from '../helpers/clients.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, fragmentOf, linesOf, textOfBlock } from '../helpers/ydoc.ts'

/** Per character of the server's first block: [char, inserted by, deleted by]. */
function attribution(
  server: TestServer,
  proposalId: string,
): Array<[string, string, string | null]> {
  const room = server.server.services.rooms.peek(proposalId)!
  const text = textOfBlock(room.doc, 0)
  const result: Array<[string, string, string | null]> = []
  for (let item = text._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentString) && !(item.content instanceof Y.ContentDeleted))
      continue
    for (let offset = 0; offset < item.length; offset++) {
      const char = item.content instanceof Y.ContentString ? item.content.str[offset]! : '·'
      const { client, clock } = item.id
      result.push([
        char,
        room.authorship.ownerOf(client)!,
        item.deleted ? (room.authorship.deleterOf(client, clock + offset) ?? '?') : null,
      ])
    }
  }
  return result
}

describe('authorship', () => {
  let server: TestServer
  const clients: TestClient[] = []
  beforeEach(async () => {
    server = await startServer({ idleUnloadMs: 60_000 })
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
  })

  it("[B1] each person's insertions and deletions are credited to that person, also after a restart", async () => {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const a = connectClient(server.wsUrl, 'voorstel-1', anna.token)
    const b = connectClient(server.wsUrl, 'voorstel-1', bram.token)
    clients.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    appendBlock(a.doc, 'aaaa')
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('aaaa'))
    textOfBlock(b.doc, 0).insert(4, 'bbbb')
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe('aaaabbbb'))
    textOfBlock(a.doc, 0).delete(5, 2) // Anna deletes two of Bram's
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('aaaabb'))
    textOfBlock(b.doc, 0).delete(0, 1) // Bram deletes one of Anna's
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe('aaabb'))

    const expected = [
      ['·', anna.person.id, bram.person.id],
      ['a', anna.person.id, null],
      ['a', anna.person.id, null],
      ['a', anna.person.id, null],
      ['b', bram.person.id, null],
      ['·', bram.person.id, anna.person.id],
      ['·', bram.person.id, anna.person.id],
      ['b', bram.person.id, null],
    ]
    await vi.waitFor(() => expect(attribution(server, 'voorstel-1')).toEqual(expected))
    for (const c of clients.splice(0)) c.destroy()
    await server.restart()
    await server.server.services.rooms.get('voorstel-1')
    expect(attribution(server, 'voorstel-1')).toEqual(expected)
  })

  it('[A6][B1] a Yjs client id that belongs to another person is refused, and nothing of it is applied', async () => {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const mallory = await server.invite({
      name: 'Mallory',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const a = connectClient(server.wsUrl, 'voorstel-1', anna.token)
    clients.push(a)
    await a.synced()
    appendBlock(a.doc, 'Van Anna.')
    await vi.waitFor(() =>
      expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Van Anna.'),
    )

    // An update made under Anna's id is refused.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.doc))
    // Set after the update: Yjs picks a new id when an update holds its own.
    copy.clientID = a.doc.clientID
    const before = Y.encodeStateVector(copy)
    textOfBlock(copy, 0).insert(0, 'Namens Anna: ')
    const socket = await openRawSocket(server.wsUrl, 'voorstel-1', mallory.token)
    const closed = closeOf(socket)
    socket.send(updateFrame(Y.encodeStateAsUpdate(copy, before)))
    expect(await closed).toEqual({ code: 4400, reason: 'client_id_taken' })
    expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Van Anna.')

    // The positive twin: Mallory with her own client id may write.
    const honest = connectClient(server.wsUrl, 'voorstel-1', mallory.token)
    clients.push(honest)
    await honest.synced()
    textOfBlock(honest.doc, 0).insert(0, 'Mallory: ')
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe('Mallory: Van Anna.'))
  })
})

describe('authorship through rebuilt blocks', () => {
  let server: TestServer
  const editors: HeadlessEditor[] = []
  beforeEach(async () => {
    server = await startServer({ idleUnloadMs: 60_000 })
  })
  afterEach(async () => {
    for (const e of editors.splice(0)) e.destroy()
    await server.close()
  })

  /** Who first wrote each live character of the proposal, as a string of initials. */
  function writers(initials: Record<string, string>): string {
    const room = server.server.services.rooms.peek('voorstel-1')!
    const { provenance } = room.authorship
    let result = ''
    const walk = (node: Y.XmlElement | Y.XmlFragment) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlText) {
          for (let item = child._start; item; item = item.right) {
            if (item.deleted || !(item.content instanceof Y.ContentString)) continue
            for (let k = 0; k < item.length; k++) {
              const original = provenance.original({
                client: item.id.client,
                clock: item.id.clock + k,
              })
              result += initials[room.authorship.ownerOf(original.client)!] ?? '?'
            }
          }
        } else if (child instanceof Y.XmlElement) {
          walk(child)
          result += '|'
        }
      }
    }
    walk(fragmentOf(room.doc))
    return result
  }

  it('[B1] text keeps its writer when another person changes its type, joins, splits or wraps it in a list', async () => {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const a = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: anna.token,
    })
    const b = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: bram.token,
    })
    editors.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    const initials = { [anna.person.id]: 'A', [bram.person.id]: 'B' }
    a.editor.commands.insertContent('<p>Eerste alinea</p><p>Tweede</p>')
    await vi.waitFor(() => expect(b.text()).toBe('Eerste alinea\nTweede'))

    b.editor.chain().setTextSelection(3).setNode('heading', { level: 2 }).run()
    await vi.waitFor(() => expect(a.json().content?.[0]?.type).toBe('heading'))
    await vi.waitFor(() => expect(writers(initials)).toBe('AAAAAAAAAAAAA|AAAAAA|'))

    // Join: Backspace at the start of the second block.
    const second = b.editor.state.doc.child(0).nodeSize + 1
    b.editor.chain().setTextSelection(second).joinBackward().run()
    await vi.waitFor(() => expect(a.text()).toBe('Eerste alineaTweede'))
    await vi.waitFor(() => expect(writers(initials)).toBe('AAAAAAAAAAAAAAAAAAA|'))

    // Split and wrap in a list, then Bram types one word.
    b.editor.chain().setTextSelection(8).splitBlock().run()
    b.editor.chain().setTextSelection(12).toggleBulletList().run()
    b.editor
      .chain()
      .setTextSelection(b.editor.state.doc.content.size - 2)
      .insertContent('!')
      .run()
    await vi.waitFor(() => expect(a.text()).toBe('Eerste \nalineaTweede!'))
    await vi.waitFor(() => expect(writers(initials)).toBe('AAAAAAA|AAAAAAAAAAAAB|||'))
  })
})
