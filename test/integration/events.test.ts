/**
 * [E1] Server events (type 100) go only to sockets that ask for them with
 * `events=1`, as the editor does. A stock y-websocket client does not know type
 * 100 (it prints "Unable to compute message" for each): it never receives one,
 * and when the server refuses its edit while the text is frozen it is told by
 * the close (S5).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MessageType } from '../../shared/protocol.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

describe('[E1] events only for sockets that ask for them', () => {
  let server: TestServer
  let writer: Invited
  const clients: TestClient[] = []
  beforeEach(async () => {
    server = await startServer({ logLevel: 'warn' })
    writer = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  const connect = (token: string, events: boolean) => {
    const client = connectClient(server.wsUrl, 'voorstel-1', token, { events })
    clients.push(client)
    return client
  }

  /** A stock client, with a recorder for any type-100 frame that would reach it. */
  const stockClient = (token: string) => {
    const client = connect(token, false)
    const received: string[] = []
    client.provider.messageHandlers[MessageType.event] = (_encoder, decoder) => {
      received.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)))
    }
    return { client, received }
  }

  it('[E1] a stock client gets no event of any kind; an editor’s socket on the same proposal gets them all', async () => {
    const stock = stockClient(writer.token)
    const editor = connect(server.adminToken, true)
    await Promise.all([stock.client.synced(), editor.synced()])
    appendBlock(stock.client.doc, 'Gemeenten nemen het voortouw.')
    await vi.waitFor(() => expect(linesOf(editor.doc)).toBe('Gemeenten nemen het voortouw.'))

    const base = '/api/proposals/voorstel-1'
    const thread = await server.api(`${base}/threads`, {
      method: 'POST',
      body: { body: 'Waarom?', quote: 'voortouw' },
    })
    expect(thread.status).toBe(201)
    expect(
      (await server.api(`${base}/versions`, { method: 'POST', body: { name: 'Eerste' } })).status,
    ).toBe(201)
    expect(
      (await server.api(base, { method: 'PATCH', body: { status: 'consultatie' } })).status,
    ).toBe(200)
    await vi.waitFor(() =>
      expect(editor.events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['threads', 'version', 'status']),
      ),
    )
    // Whatever was sent to the stock socket before now has arrived by this answer.
    await stock.client.roundTrip()
    expect(stock.received).toEqual([])
    expect(stock.client.closed).toBeNull()
  })

  it('[S5][E1] a stock writer’s edit refused while vastgesteld closes its socket with 4403; an editor’s socket is told by the event and stays', async () => {
    const stock = stockClient(writer.token)
    const withEvents = connect(writer.token, true)
    await Promise.all([stock.client.synced(), withEvents.synced()])
    appendBlock(stock.client.doc, 'Vast.')
    await vi.waitFor(() => expect(linesOf(withEvents.doc)).toBe('Vast.'))
    const patch = await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      body: { status: 'vastgesteld' },
    })
    expect(patch.status).toBe(200)
    await vi.waitFor(() =>
      expect(withEvents.events).toContainEqual(
        expect.objectContaining({ type: 'status', status: 'vastgesteld' }),
      ),
    )

    appendBlock(stock.client.doc, 'Stiekem van de gewone client.')
    await vi.waitFor(() => expect(stock.client.closed).toEqual({ code: 4403, reason: 'frozen' }))
    appendBlock(withEvents.doc, 'Stiekem van de editor.')
    await vi.waitFor(() =>
      expect(withEvents.events).toContainEqual(
        expect.objectContaining({ type: 'refused', reason: 'frozen' }),
      ),
    )
    await withEvents.roundTrip()
    expect(withEvents.closed).toBeNull()
    expect(stock.received).toEqual([])
    const text = (await server.api<{ text: string }>('/api/proposals/voorstel-1/content')).body.text
    expect(text).toBe('Vast.')
  })
})
