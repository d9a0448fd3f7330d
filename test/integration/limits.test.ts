import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
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
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

describe('limits with clear answers', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const sockets: WebSocket[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of sockets.splice(0)) s.terminate()
    await server.close()
  })
  const raw = async (token: string) => {
    const socket = await openRawSocket(server.wsUrl, 'voorstel-1', token)
    sockets.push(socket)
    return socket
  }
  const roomText = () => linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)

  it('[A4] sockets past the cap per person close with 4429; others and later ones are let in', async () => {
    server = await startServer({ maxSocketsPerPerson: 2 })
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const first = await raw(anna.token)
    await raw(anna.token)
    const third = await raw(anna.token)
    expect(await closeOf(third)).toEqual({ code: 4429, reason: 'rate_limited' })
    const other = connectClient(server.wsUrl, 'voorstel-1', bram.token)
    clients.push(other)
    await other.synced()
    first.close()
    await closeOf(first)
    const again = connectClient(server.wsUrl, 'voorstel-1', anna.token)
    clients.push(again)
    await again.synced()
  })

  it('[A4] sockets past the cap per address close with 4429', async () => {
    server = await startServer({ maxSocketsPerAddress: 2 })
    const tokens = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'] }),
      ),
    )
    await raw(tokens[0]!.token)
    await raw(tokens[1]!.token)
    expect((await closeOf(await raw(tokens[2]!.token))).code).toBe(4429)
  })

  it('[S4] an update that would grow a proposal past its limit is refused whole; smaller ones still fit', async () => {
    server = await startServer({ maxDocumentBytes: 40_000 })
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const big = connectClient(server.wsUrl, 'voorstel-1', token)
    const small = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(big, small)
    await Promise.all([big.synced(), small.synced()])
    appendBlock(big.doc, 'Begin.')
    await vi.waitFor(() => expect(roomText()).toBe('Begin.'))
    textOfBlock(big.doc, 0).insert(6, 'x'.repeat(50_000))
    await vi.waitFor(() => expect(big.closed).toEqual({ code: 4413, reason: 'document_too_large' }))
    expect(roomText()).toBe('Begin.')
    await vi.waitFor(() => expect(linesOf(small.doc)).toBe('Begin.'))
    textOfBlock(small.doc, 0).insert(6, ' Dit past nog.')
    await vi.waitFor(() => expect(roomText()).toBe('Begin. Dit past nog.'))
  })

  it('[S4] text pasted and deleted again does not count toward the limit: typing after ten such pastes is accepted', async () => {
    // No compaction in between, as on an instance that only forwards others' changes.
    server = await startServer({ maxDocumentBytes: 40_000, compactAfterBytes: 10 * 1024 * 1024 })
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const writer = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(writer)
    await writer.synced()
    appendBlock(writer.doc, 'Begin.')
    await vi.waitFor(() => expect(roomText()).toBe('Begin.'))
    for (let i = 0; i < 10; i++) {
      textOfBlock(writer.doc, 0).insert(6, 'x'.repeat(10_000))
      await vi.waitFor(() => expect(roomText()).toHaveLength(10_006))
      textOfBlock(writer.doc, 0).delete(6, 10_000)
      await vi.waitFor(() => expect(roomText()).toBe('Begin.'))
    }
    textOfBlock(writer.doc, 0).insert(6, ' Nog steeds welkom.')
    await vi.waitFor(() => {
      expect(writer.closed).toBeNull()
      expect(roomText()).toBe('Begin. Nog steeds welkom.')
    })
  })

  it('[A6] an awareness state of more than a few kB is refused; a normal one arrives', async () => {
    server = await startServer()
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const watcher = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(watcher)
    await watcher.synced()
    const awarenessFrame = (clientId: number, state: unknown) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 1)
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, clientId)
      encoding.writeVarUint(inner, 1)
      encoding.writeVarString(inner, JSON.stringify(state))
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
      return encoding.toUint8Array(encoder)
    }
    const flood = await raw(token)
    const closed = closeOf(flood)
    flood.send(awarenessFrame(424242, { cursor: 'x'.repeat(20_000) }))
    expect((await closed).code).toBe(4400)
    expect(watcher.provider.awareness.getStates().has(424242)).toBe(false)
    const polite = await raw(token)
    polite.send(awarenessFrame(434343, { cursor: null }))
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().has(434343)).toBe(true))
  })

  it('a client that does not read is closed instead of growing the server’s memory', {
    timeout: 90_000,
  }, async () => {
    server = await startServer({
      maxBufferedBytes: 1024 * 1024,
      heartbeatMs: 60_000,
      maxDocumentBytes: 64 * 1024 * 1024,
    })
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const writer = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(writer)
    await writer.synced()
    const reader = await raw(token)
    const healthy = await raw(token)
    let healthyBytes = 0
    healthy.on('message', (data: Buffer) => {
      healthyBytes += data.length
    })
    ;(reader as unknown as { _socket: { pause(): void } })._socket.pause()
    appendBlock(writer.doc, '')
    // Enough to fill the kernel's socket buffers on both sides, then ours; paced,
    // so the reading socket keeps up.
    for (let i = 0; i < 60; i++) {
      textOfBlock(writer.doc, 0).insert(0, `${i}`.padEnd(400_000, '.'))
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    const room = server.server.services.rooms.peek('voorstel-1')!
    await vi.waitFor(() => expect(room.connections.size).toBe(2), { timeout: 30_000 })
    await vi.waitFor(() => expect(healthyBytes).toBeGreaterThan(60 * 400_000), { timeout: 30_000 })
    reader.terminate()
  })

  it('[H1] GET /metrics shows proposals, sockets, edits, bytes written, refusals and loop delay, to editors', async () => {
    server = await startServer()
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    expect((await server.api('/metrics', { token: null })).status).toBe(401)
    expect((await server.api('/metrics', { token })).status).toBe(403)
    const before = (await server.api<string>('/metrics')).body
    expect(before).toMatch(/^meeschrijven_edits_total 0$/m)
    const writer = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(writer)
    await writer.synced()
    appendBlock(writer.doc, 'Meten is weten.')
    await vi.waitFor(() => expect(roomText()).toBe('Meten is weten.'))
    const bad = await raw(token)
    bad.send(updateFrame(new Uint8Array([1, 1, 200, 3, 255, 255])))
    await closeOf(bad)
    const after = (await server.api<string>('/metrics')).body
    expect(after).toMatch(/^meeschrijven_open_proposals 1$/m)
    expect(after).toMatch(/^meeschrijven_sockets 1$/m)
    expect(Number(/^meeschrijven_edits_total (\d+)$/m.exec(after)?.[1])).toBeGreaterThanOrEqual(1)
    expect(Number(/^meeschrijven_bytes_written_total (\d+)$/m.exec(after)?.[1])).toBeGreaterThan(0)
    expect(after).toMatch(/^meeschrijven_refused_total\{reason="[a-z_]+"\} 1$/m)
    expect(after).toMatch(/^meeschrijven_event_loop_delay_seconds\{quantile="0.99"\} [\d.]+$/m)
  })
})

void Y
