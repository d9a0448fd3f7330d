/**
 * The editor's provider publishes only its own presence (A6), on every path y-websocket
 * sends presence by: on connecting and reconnecting, on a local change, in answer to an
 * awareness query; never the states it received from others. The other end is a bare
 * `ws` server that records what the client sends, since the product's server drops
 * relayed presence and so cannot show whether a client relays.
 */
import { once } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from '../../editor/features/presence/sendOwnAwareness.ts'
import { awarenessIdsOf, caret } from '../helpers/carets.ts'
import { awarenessFrame, frame } from '../helpers/identitySupport.ts'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('the editor publishes only its own presence', () => {
  it('[A6] on connecting, on a change, when asked and after a reconnect it sends its own state; the states it receives never go back', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(server, 'listening')
    const sockets: WebSocket[] = []
    /** The client ids of every awareness frame the client sent, in order. */
    const sent: number[][] = []
    server.on('connection', (socket) => {
      sockets.push(socket)
      socket.on('message', (data: Buffer) => {
        const ids = awarenessIdsOf(new Uint8Array(data))
        if (ids) sent.push(ids)
      })
    })
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(
      `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
      'voorstel-1',
      doc,
      { disableBc: true, WebSocketPolyfill: WebSocket as never, maxBackoffTime: 100 },
    )
    sendOwnAwarenessOnly(provider)
    cleanups.push(() => {
      provider.destroy()
      server.close()
    })
    const own = doc.clientID
    const other = own === 555 ? 556 : 555
    provider.awareness.setLocalStateField('user', { name: 'Anna' })
    await vi.waitFor(() => expect(sockets).toHaveLength(1))
    await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(1))

    // Someone else's presence arrives, changes, and leaves: none of it is sent back.
    const socket = sockets[0]!
    socket.send(awarenessFrame(other, 1, { user: { name: 'Bram' }, cursor: caret(1) }))
    await vi.waitFor(() => expect(provider.awareness.getStates().has(other)).toBe(true))
    socket.send(awarenessFrame(other, 2, { user: { name: 'Bram' }, cursor: caret(2) }))
    socket.send(awarenessFrame(other, 3, null))
    await vi.waitFor(() => expect(provider.awareness.getStates().has(other)).toBe(false))
    socket.send(awarenessFrame(other, 4, { user: { name: 'Bram' }, cursor: caret(3) }))
    await vi.waitFor(() => expect(provider.awareness.getStates().has(other)).toBe(true))

    // Its own change is sent, and so is the answer to an awareness query.
    const before = sent.length
    provider.awareness.setLocalStateField('cursor', caret(5))
    await vi.waitFor(() => expect(sent.length).toBe(before + 1))
    socket.send(frame(3))
    await vi.waitFor(() => expect(sent.length).toBe(before + 2))

    // After a dropped connection it announces itself again on the new socket.
    socket.terminate()
    await vi.waitFor(() => expect(sockets).toHaveLength(2))
    await vi.waitFor(() => expect(sent.length).toBe(before + 3))

    expect(sent.every((ids) => ids.length === 1 && ids[0] === own)).toBe(true)
  })

  it('[A6] a stock y-websocket provider, for comparison, sends back the states it receives', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(server, 'listening')
    const sent: number[][] = []
    const sockets: WebSocket[] = []
    server.on('connection', (socket) => {
      sockets.push(socket)
      socket.on('message', (data: Buffer) => {
        const ids = awarenessIdsOf(new Uint8Array(data))
        if (ids) sent.push(ids)
      })
    })
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(
      `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
      'voorstel-1',
      doc,
      { disableBc: true, WebSocketPolyfill: WebSocket as never },
    )
    cleanups.push(() => {
      provider.destroy()
      server.close()
    })
    const other = doc.clientID === 555 ? 556 : 555
    await vi.waitFor(() => expect(sockets).toHaveLength(1))
    sockets[0]!.send(awarenessFrame(other, 1, { user: { name: 'Bram' } }))
    await vi.waitFor(() => expect(sent.some((ids) => ids.includes(other))).toBe(true))
  })
})
