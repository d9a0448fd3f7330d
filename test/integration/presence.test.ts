/** Presence that cannot be forged (contract A6). */
import { describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from '../../editor/features/presence/sendOwnAwareness.ts'
import { awarenessIdsOf, caret } from '../helpers/carets.ts'
import { closeOf, type TestClient } from '../helpers/clients.ts'
import {
  awarenessFrame,
  client,
  frame,
  type Me,
  rawSocket,
  start,
} from '../helpers/identitySupport.ts'
import { appendBlock, fragmentOf, linesOf } from '../helpers/ydoc.ts'

describe('presence', () => {
  /** Makes a client publish only its own awareness, as the editor does (see ownPresence.test.ts). */
  function publishOwnPresenceOnly(c: TestClient): TestClient {
    sendOwnAwarenessOnly(c.provider)
    return c
  }

  it("[A6] others see the name and colour of the token's person, whatever name the client sets", async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-1'] })
    const annaMe = (await server.api<Me>('/api/me', { token: anna.token })).body
    const a = publishOwnPresenceOnly(client(server, 'voorstel-1', anna.token))
    const b = publishOwnPresenceOnly(client(server, 'voorstel-1', bram.token))
    await Promise.all([a.synced(), b.synced()])

    a.provider.awareness.setLocalStateField('user', { name: 'Koning Willem', color: '#000000' })
    a.provider.awareness.setLocalStateField('cursor', caret(1))
    await vi.waitFor(() => {
      const state = b.provider.awareness.getStates().get(a.doc.clientID)
      expect(state?.cursor).toEqual(caret(1))
      expect(state?.user).toMatchObject({ name: 'Anna' })
    })
    const user = b.provider.awareness.getStates().get(a.doc.clientID)?.user as {
      name: string
      color: string
    }
    expect(user.color).not.toBe('#000000')
    if (annaMe.color !== undefined) expect(user.color).toBe(annaMe.color)
    // And the other way round: Bram, who set no name, is shown as Bram.
    b.provider.awareness.setLocalStateField('cursor', caret(2))
    await vi.waitFor(() =>
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({
        cursor: caret(2),
        user: { name: 'Bram' },
      }),
    )
  })

  it('[S1][A6] a plain y-websocket client, which relays the presence it receives, stays connected', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const a = client(server, 'voorstel-1', anna.token)
    const b = client(server, 'voorstel-1', bram.token)
    await Promise.all([a.synced(), b.synced()])
    a.provider.awareness.setLocalStateField('cursor', caret(1))
    b.provider.awareness.setLocalStateField('cursor', caret(2))
    await vi.waitFor(() => {
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({
        user: { name: 'Anna' },
      })
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({
        user: { name: 'Bram' },
      })
    })
    // Both still connected: an edit still travels both ways.
    appendBlock(a.doc, 'Van Anna')
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('Van Anna'))
    appendBlock(b.doc, 'Van Bram')
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe('Van Anna\nVan Bram'))
    expect([a.closeCodes, b.closeCodes]).toEqual([[], []])
  })

  /**
   * Asks the server for every presence on `socket` (message type 3) and resolves
   * once the answer holding `clientId` is in: by then the server has handled all
   * that socket sent before, and a client has applied the room's state of `clientId`.
   */
  function askPresence(socket: WebSocket, clientId: number): Promise<void> {
    return new Promise((resolve) => {
      const onMessage = (data: Buffer) => {
        if (!awarenessIdsOf(new Uint8Array(data))?.includes(clientId)) return
        socket.off('message', onMessage)
        resolve()
      }
      socket.on('message', onMessage)
      socket.send(frame(3))
    })
  }
  const socketOf = (c: TestClient) => c.provider.ws as unknown as WebSocket

  it('[A6] presence a socket publishes for a client id another socket owns never reaches the others; its own does', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const carla = await server.invite({
      name: 'Carla',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    const a = publishOwnPresenceOnly(client(server, 'voorstel-1', anna.token))
    const b = publishOwnPresenceOnly(client(server, 'voorstel-1', bram.token))
    await Promise.all([a.synced(), b.synced()])
    const annaId = a.doc.clientID
    a.provider.awareness.setLocalStateField('cursor', caret(3))
    const annaAtBram = () => b.provider.awareness.getStates().get(annaId)
    await vi.waitFor(() =>
      expect(annaAtBram()).toMatchObject({ cursor: caret(3), user: { name: 'Anna' } }),
    )
    /** The server may close a forging socket (4400) or drop what it forged; either way nobody sees it. */
    const expectRefused = async (closed: { code: number } | null) => {
      if (closed) expect(closed.code).toBe(4400)
      await askPresence(socketOf(b), annaId)
      expect(annaAtBram()).toMatchObject({ cursor: caret(3), user: { name: 'Anna' } })
    }

    // A second y-websocket client that reuses Anna's client id and moves "her" caret.
    const forgedDoc = new Y.Doc()
    forgedDoc.clientID = annaId
    const forger = publishOwnPresenceOnly(
      client(server, 'voorstel-1', carla.token, { doc: forgedDoc }),
    )
    await vi.waitFor(() => expect(forger.closed !== null || forger.provider.synced).toBe(true))
    if (!forger.closed) {
      forger.provider.awareness.setLocalStateField('cursor', caret(100))
      forger.provider.awareness.setLocalStateField('cursor', caret(101))
      await askPresence(socketOf(forger), annaId)
    }
    await expectRefused(forger.closed)

    // A raw socket: its own id is accepted and shown as Carla, whatever it claims.
    const raw = await rawSocket(server, 'voorstel-1', carla.token)
    let rawClosed: { code: number } | null = null
    raw.once('close', (code) => {
      rawClosed = { code }
    })
    const ownId = annaId === 424242 ? 434343 : 424242
    raw.send(awarenessFrame(ownId, 1, { cursor: caret(7), user: { name: 'Anna' } }))
    const ownAtBram = () => b.provider.awareness.getStates().get(ownId)
    await vi.waitFor(() =>
      expect(ownAtBram()).toMatchObject({ cursor: caret(7), user: { name: 'Carla' } }),
    )
    // Then it says Anna left, moves her caret, and moves its own.
    raw.send(awarenessFrame(annaId, 1_000_000, null))
    raw.send(awarenessFrame(annaId, 1_000_001, { cursor: caret(666), user: { name: 'Anna' } }))
    raw.send(awarenessFrame(ownId, 2, { cursor: caret(8) }))
    await vi.waitFor(() =>
      expect(
        rawClosed !== null || JSON.stringify(ownAtBram()?.cursor) === JSON.stringify(caret(8)),
      ).toBe(true),
    )
    await expectRefused(rawClosed)

    // Anna's own presence still counts.
    expect(a.closed).toBeNull()
    a.provider.awareness.setLocalStateField('cursor', caret(4))
    await vi.waitFor(() =>
      expect(annaAtBram()).toMatchObject({ cursor: caret(4), user: { name: 'Anna' } }),
    )
  })

  it('[A7] others receive only user and a well-formed caret; extra fields and a malformed caret are dropped', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-1'] })
    const a = client(server, 'voorstel-1', anna.token)
    const b = publishOwnPresenceOnly(client(server, 'voorstel-1', bram.token))
    await Promise.all([a.synced(), b.synced()])
    appendBlock(a.doc, 'Hallo')
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('Hallo'))
    const raw = await rawSocket(server, 'voorstel-1', anna.token)
    const seen = () => b.provider.awareness.getStates().get(515151)
    const send = (clock: number, state: Record<string, unknown>) =>
      raw.send(awarenessFrame(515151, clock, state))

    send(1, { cursor: caret(5), user: { name: 'Nep' }, html: '<img onerror=x>', colour: 'red' })
    await vi.waitFor(() => expect(seen()?.cursor).toEqual(caret(5)))
    expect(Object.keys(seen() ?? {}).sort()).toEqual(['cursor', 'user'])
    expect(seen()?.user).toMatchObject({ name: 'Anna' })

    // A caret in the text itself, as y-tiptap sends it, arrives whole.
    const text = (fragmentOf(a.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText
    const inText = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, 2)))
    send(2, { cursor: { anchor: inText, head: inText } })
    await vi.waitFor(() => expect(seen()?.cursor).toEqual({ anchor: inText, head: inText }))

    const { client: firstClient, clock } = (text._start as Y.Item).id
    const character = { client: firstClient, clock }
    const malformed = [
      {},
      { anchor: {}, head: {} },
      { anchor: caret(1).anchor },
      { anchor: { tname: 'geheim' }, head: { tname: 'geheim' } },
      // A "type" that is a character of the text, not a type.
      { anchor: { type: character }, head: { type: character } },
    ]
    for (const [i, cursor] of malformed.entries()) {
      send(10 + 2 * i, { cursor })
      await vi.waitFor(() => expect(seen()).toEqual({ user: expect.anything() }))
      // The positive twin on the same socket: a good caret still goes through.
      send(11 + 2 * i, { cursor: caret(i) })
      await vi.waitFor(() => expect(seen()?.cursor).toEqual(caret(i)))
    }
    expect(raw.readyState).toBe(raw.OPEN)
  })

  it('[A7] a socket that keeps sending malformed presence is closed with 4400; fewer in a row are not', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const steady = await rawSocket(server, 'voorstel-1', anna.token)
    const flood = await rawSocket(server, 'voorstel-1', anna.token)
    const closed = closeOf(flood)
    let clock = 0
    // 19 malformed, then a good one: the count starts again.
    for (let i = 0; i < 19; i++) steady.send(awarenessFrame(616161, ++clock, { cursor: {} }))
    steady.send(awarenessFrame(616161, ++clock, { cursor: caret(1) }))
    for (let i = 0; i < 19; i++) steady.send(awarenessFrame(616161, ++clock, { cursor: {} }))
    for (let i = 0; i < 20; i++) flood.send(awarenessFrame(626262, i + 1, { cursor: {} }))
    expect(await closed).toEqual({ code: 4400, reason: 'bad_presence' })
    steady.send(awarenessFrame(616161, ++clock, { cursor: caret(2) }))
    const watcher = client(server, 'voorstel-1', anna.token)
    await watcher.synced()
    await vi.waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(616161)?.cursor).toEqual(caret(2)),
    )
    expect(steady.readyState).toBe(steady.OPEN)
  })
})
