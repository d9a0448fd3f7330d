import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import {
  closeOf,
  connectClient,
  openRawSocket,
  type TestClient,
  updateFrame,
} from '../helpers/clients.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, fragmentOf, linesOf, textOfBlock } from '../helpers/ydoc.ts'

/** The update a change makes to a copy of `base`. */
function updateOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('sync rules', () => {
  let server: TestServer
  let writerToken: string
  const clients: TestClient[] = []
  const sockets: WebSocket[] = []
  // Clients that ask for events (E1), as the editor's do.
  const client = (token: string) => {
    const c = connectClient(server.wsUrl, 'voorstel-1', token, { events: true })
    clients.push(c)
    return c
  }
  const raw = async (token: string) => {
    const socket = await openRawSocket(server.wsUrl, 'voorstel-1', token)
    sockets.push(socket)
    return socket
  }

  beforeEach(async () => {
    server = await startServer()
    writerToken = (await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] }))
      .token
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of sockets.splice(0)) s.terminate()
    await server.close()
  })

  /** A writer and a reader, synced, with one paragraph of text. */
  async function withText(text: string) {
    const writer = client(writerToken)
    const reader = client(writerToken)
    await Promise.all([writer.synced(), reader.synced()])
    appendBlock(writer.doc, text)
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe(text))
    return { writer, reader }
  }

  it('[S3] a client never sees an empty document before the stored one, and joins share one load', async () => {
    await withText('Opgeslagen tekst.')
    for (const c of clients.splice(0)) c.destroy()
    await server.stop()
    // Slow the load down, so a server that answered before loading would be caught.
    const { LowdbStorage } = await import('../../sync-server/persistence/lowdb/LowdbStorage.ts')
    const { createLogger } = await import('../../sync-server/log.ts')
    const storage = new LowdbStorage({
      dataDir: server.dataDir,
      log: createLogger({ level: 'error' }),
    })
    const load = storage.documents.load.bind(storage.documents)
    let loads = 0
    storage.documents.load = async (id) => {
      loads++
      await new Promise((resolve) => setTimeout(resolve, 300))
      return load(id)
    }
    const { createServer } = await import('../../sync-server/server.ts')
    const slow = await createServer({
      port: 0,
      dataDir: server.dataDir,
      adminToken: server.adminToken,
      storage,
      staticDir: null,
    })
    try {
      const wsUrl = slow.url.replace('http', 'ws')
      const joiners = [0, 1, 2].map(() => connectClient(wsUrl, 'voorstel-1', writerToken))
      clients.push(...joiners)
      const textAtSync = await Promise.all(
        joiners.map(
          (joiner) =>
            new Promise<string>((resolve) =>
              joiner.provider.once('sync', () => resolve(linesOf(joiner.doc))),
            ),
        ),
      )
      expect(textAtSync).toEqual(['Opgeslagen tekst.', 'Opgeslagen tekst.', 'Opgeslagen tekst.'])
      expect(loads).toBe(1)
    } finally {
      for (const c of clients.splice(0)) c.destroy()
      await slow.close()
    }
  })

  it('[S3] after a restart a fresh client gets the stored state, and one with offline edits has them taken in', async () => {
    const { writer } = await withText('Opgeslagen.')
    // The writer goes offline, writes, and comes back after a restart.
    writer.provider.disconnect()
    appendBlock(writer.doc, 'Offline geschreven.')
    for (const c of clients.splice(1)) c.destroy()
    await server.restart()
    const fresh = client(writerToken)
    await fresh.synced()
    expect(linesOf(fresh.doc).startsWith('Opgeslagen.')).toBe(true)
    writer.provider.connect()
    await vi.waitFor(() => expect(linesOf(fresh.doc)).toBe('Opgeslagen.\nOffline geschreven.'))
    const content = await server.api<{ text: string }>('/api/proposals/voorstel-1/content')
    expect(content.body.text).toBe('Opgeslagen.\nOffline geschreven.')
  })

  it('[S4] an undecodable update closes its socket with 4400; the document and other clients are unaffected', async () => {
    const { writer, reader } = await withText('Heel.')
    const socket = await raw(writerToken)
    const closed = closeOf(socket)
    socket.send(updateFrame(new Uint8Array([1, 1, 200, 3, 255, 255, 255, 255, 9])))
    expect((await closed).code).toBe(4400)
    // The positive twin: the same path still carries a good update.
    textOfBlock(writer.doc, 0).insert(5, ' Nog steeds.')
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Heel. Nog steeds.'))
  })

  it('[S4] an update whose dependencies are missing is refused whole and nothing is left pending', async () => {
    const { writer, reader } = await withText('Basis.')
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(writer.doc))
    const first = updateOf(offline, (doc) => textOfBlock(doc, 0).insert(6, ' een'))
    Y.applyUpdate(offline, first)
    const second = updateOf(offline, (doc) => textOfBlock(doc, 0).insert(10, ' twee'))
    const socket = await raw(writerToken)
    const closed = closeOf(socket)
    socket.send(updateFrame(second))
    expect((await closed).code).toBe(4400)
    const room = server.server.services.rooms.peek('voorstel-1')!
    expect(room.doc.store.pendingStructs).toBeNull()
    expect(room.doc.store.pendingDs).toBeNull()
    expect(linesOf(room.doc)).toBe('Basis.')
    // Both in order are fine.
    const good = await raw(writerToken)
    good.send(updateFrame(first))
    good.send(updateFrame(second))
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Basis. een twee'))
  })

  it('[S4] a gap in a client’s own history (a reconnect race) is refused whole and the client asked for the rest', async () => {
    const { writer, reader } = await withText('Basis.')
    // One client, two updates; the second arrives first, as when a reconnecting
    // client types before its sync answer has gone out.
    const own = new Y.Doc()
    Y.applyUpdate(own, Y.encodeStateAsUpdate(writer.doc))
    const updates: Uint8Array[] = []
    own.on('update', (update: Uint8Array) => updates.push(update))
    textOfBlock(own, 0).insert(6, ' een')
    textOfBlock(own, 0).insert(10, ' twee')
    const socket = await raw(writerToken)
    const asked = new Promise<Uint8Array>((resolve) =>
      socket.on('message', (data: Buffer) => {
        // A sync step 1 (type 0, step 0) carries the server's state vector.
        if (data[0] === 0 && data[1] === 0) resolve(new Uint8Array(data))
      }),
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    socket.send(updateFrame(updates[1]!))
    const request = await asked
    const room = server.server.services.rooms.peek('voorstel-1')!
    expect(linesOf(room.doc)).toBe('Basis.')
    expect(room.doc.store.pendingStructs).toBeNull()
    expect(socket.readyState).toBe(socket.OPEN)
    // Answering with what the server lacks fills the gap, in order.
    const vector = decoding.readVarUint8Array(decoding.createDecoder(request.subarray(2)))
    socket.send(updateFrame(Y.encodeStateAsUpdate(own, vector)))
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Basis. een twee'))
  })

  it('[S4] a socket that keeps sending gaps without filling them is closed with 4400', async () => {
    await withText('Basis.')
    const own = new Y.Doc()
    const updates: Uint8Array[] = []
    own.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 60; i++)
      own.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')])
    const socket = await raw(writerToken)
    const closed = closeOf(socket)
    for (const update of updates.slice(1)) socket.send(updateFrame(update))
    expect(await closed).toEqual({ code: 4400, reason: 'missing_dependencies' })
    expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Basis.')
  })

  it('[S4] an update with a corrupt delete set changes nothing, though Yjs would apply its inserts', async () => {
    const { reader, writer } = await withText('Stevig.')
    const valid = updateOf(writer.doc, (doc) => textOfBlock(doc, 0).insert(7, ' Ingevoegd.'))
    // Cut the delete set off: the structs decode, the delete set does not.
    const corrupt = valid.slice(0, valid.length - 1)
    const probe = new Y.Doc()
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(writer.doc))
    expect(() => Y.applyUpdate(probe, corrupt)).toThrow()
    expect(linesOf(probe)).toBe('Stevig. Ingevoegd.')

    const socket = await raw(writerToken)
    const closed = closeOf(socket)
    socket.send(updateFrame(corrupt))
    expect((await closed).code).toBe(4400)
    expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Stevig.')
    const good = await raw(writerToken)
    good.send(updateFrame(valid))
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Stevig. Ingevoegd.'))
  })

  it('[S4][S9] updates outside the schema or the `default` fragment are refused', async () => {
    const { writer, reader } = await withText('Schoon.')
    const foreignRoot = updateOf(writer.doc, (doc) => doc.getMap('geheim').set('x', 1))
    const unknownNode = updateOf(writer.doc, (doc) =>
      fragmentOf(doc).insert(1, [new Y.XmlElement('script')]),
    )
    for (const [update, reason] of [
      [foreignRoot, 'foreign_root'],
      [unknownNode, 'invalid_document'],
    ] as const) {
      const socket = await raw(writerToken)
      const closed = closeOf(socket)
      socket.send(updateFrame(update))
      expect(await closed).toEqual({ code: 4400, reason })
    }
    const room = server.server.services.rooms.peek('voorstel-1')!
    expect(room.doc.share.has('geheim')).toBe(false)
    expect(fragmentOf(room.doc).length).toBe(1)
    appendBlock(writer.doc, 'Tweede alinea.', 'heading', { level: 2 })
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Schoon.\nTweede alinea.'))
  })

  it('[S4] a frame over 2 MiB closes with 4413 and changes nothing', async () => {
    const { writer, reader } = await withText('Klein.')
    const big = updateOf(writer.doc, (doc) =>
      textOfBlock(doc, 0).insert(6, 'x'.repeat(2 * 1024 * 1024 + 10)),
    )
    const socket = await raw(writerToken)
    const closed = closeOf(socket)
    socket.send(updateFrame(big))
    expect((await closed).code).toBe(4413)
    expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Klein.')
    const fine = updateOf(writer.doc, (doc) => textOfBlock(doc, 0).insert(6, ' Past wel.'))
    const good = await raw(writerToken)
    good.send(updateFrame(fine))
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Klein. Past wel.'))
  })

  it('[S5][H4][E1] a writer of a frozen proposal is told, nothing of theirs is applied, and writes again after', async () => {
    const { writer, reader } = await withText('Vast.')
    const patch = await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      body: { status: 'vastgesteld' },
    })
    expect(patch.status).toBe(200)
    await vi.waitFor(() =>
      expect(writer.events.some((e) => e.type === 'status' && e.status === 'vastgesteld')).toBe(
        true,
      ),
    )
    textOfBlock(writer.doc, 0).insert(5, ' Stiekem.')
    await vi.waitFor(() =>
      expect(writer.events.some((e) => e.type === 'refused' && e.reason === 'frozen')).toBe(true),
    )
    expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Vast.')
    expect(linesOf(reader.doc)).toBe('Vast.')

    await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      body: { status: 'definitief' },
    })
    await vi.waitFor(() =>
      expect(writer.events.some((e) => e.type === 'status' && e.status === 'definitief')).toBe(
        true,
      ),
    )
    const later = client(writerToken)
    await later.synced()
    appendBlock(later.doc, 'Weer open.')
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Vast.\nWeer open.'))
    // The words refused while frozen do not come in later: a client that still
    // holds them (instead of starting afresh, as the editor does) is stopped.
    writer.provider.disconnect()
    writer.provider.connect()
    await vi.waitFor(() =>
      expect(writer.closed).toEqual({ code: 4403, reason: 'refused_while_frozen' }),
    )
    expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe('Vast.\nWeer open.')
  })

  it('[E1] a client that sends a type-100 frame is closed with 4400; events reach clients as type 100', async () => {
    const watcher = client(writerToken)
    await watcher.synced()
    const socket = await raw(writerToken)
    const closed = closeOf(socket)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 100)
    encoding.writeVarString(encoder, JSON.stringify({ type: 'status', status: 'vastgesteld' }))
    socket.send(encoding.toUint8Array(encoder))
    expect((await closed).code).toBe(4400)
    expect(watcher.events).toEqual([])
    await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      body: { status: 'consultatie' },
    })
    await vi.waitFor(() =>
      expect(watcher.events).toContainEqual(
        expect.objectContaining({ type: 'status', status: 'consultatie' }),
      ),
    )
  })
})

describe('[S6] heartbeat', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer({ heartbeatMs: 300 })
  })
  afterEach(async () => {
    await server.close()
  })

  it('[S6] every socket hears something within the interval, and a socket that stops answering is closed', async () => {
    const { token } = await server.invite({
      name: 'Stil',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    const quiet = await openRawSocket(server.wsUrl, 'voorstel-1', token)
    const dead = await openRawSocket(server.wsUrl, 'voorstel-1', token)
    const arrivals: number[] = []
    quiet.on('message', () => arrivals.push(Date.now()))
    await vi.waitFor(() =>
      expect(server.server.services.rooms.peek('voorstel-1')?.connections.size).toBe(2),
    )
    // The dead socket stops reading, so it answers no pings.
    ;(dead as unknown as { _socket: { pause(): void } })._socket.pause()
    await vi.waitFor(
      () => expect(server.server.services.rooms.peek('voorstel-1')?.connections.size).toBe(1),
      {
        timeout: 3000,
      },
    )
    // The quiet socket that answers stays, and heard something in every interval.
    await vi.waitFor(() => expect(arrivals.length).toBeGreaterThan(5), { timeout: 3000 })
    expect(quiet.readyState).toBe(quiet.OPEN)
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(600)
    quiet.terminate()
    dead.terminate()
  })
})
