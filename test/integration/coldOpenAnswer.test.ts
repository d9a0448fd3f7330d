/**
 * A proposal that is not in memory and stored as one snapshot answers its
 * first sockets from the stored bytes; its document is built only after that
 * answer went out (or when a reader or a held message needs it).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../shared/protocol.ts'
import { closeOf, connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, fragmentOf, linesOf } from '../helpers/ydoc.ts'

const step1Frame = (stateVector: Uint8Array) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncMessageType.step1)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** The payloads of the sync frames of `step` the socket receives, as they come. */
function syncFrames(socket: WebSocket, step: number): Uint8Array[] {
  const frames: Uint8Array[] = []
  socket.on('message', (data: Buffer) => {
    // Only sync frames with a payload (not keepalives or carets).
    if (data.length < 3 || data[0] !== MessageType.sync) return
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    if (decoding.readVarUint(decoder) !== step) return
    frames.push(decoding.readVarUint8Array(decoder))
  })
  return frames
}

describe('[S3] a cold open is answered from the stored snapshot before the document is built', () => {
  let server: TestServer
  let writer: Invited
  const clients: TestClient[] = []
  const sockets: WebSocket[] = []

  beforeAll(async () => {
    // Nobody-asks-anything builds wait long, so a test sees the room unbuilt.
    server = await startServer({ logLevel: 'error', coldBuildDelayMs: 60_000 })
    writer = await server.invite({ name: 'Schrijver', role: 'writer', proposals: '*' })
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.close()
  })
  afterAll(async () => {
    await server.close()
  })

  const rooms = () => server.server.services.rooms
  const storedText = async (proposal: string) =>
    (await server.api<{ text: string }>(`/api/proposals/${proposal}/content`)).body.text

  function connect(proposal: string): TestClient {
    const client = connectClient(server.wsUrl, proposal, writer.token)
    clients.push(client)
    return client
  }

  /** A proposal with two lines, stored as a lone snapshot and out of memory; `first` holds line one. */
  async function storedProposal(title: string) {
    const created = await server.api<{ id: string }>('/api/proposals', {
      method: 'POST',
      body: { title },
    })
    const proposal = created.body.id
    const client = connect(proposal)
    await client.synced()
    appendBlock(client.doc, 'Gemeenten nemen het voortouw.')
    await expect.poll(() => storedText(proposal)).toBe('Gemeenten nemen het voortouw.')
    const first = Y.encodeStateAsUpdate(client.doc)
    appendBlock(client.doc, 'Na de eerste regel geschreven.')
    await expect.poll(() => storedText(proposal)).toContain('Na de eerste regel')
    const room = rooms().peek(proposal)!
    await room.compact()
    // What storage now holds: one snapshot, no log.
    const stored = room.encodedState()
    client.destroy()
    await expect.poll(() => rooms().peek(proposal)).toBeUndefined()
    return { proposal, stored, first }
  }

  it('[S3][S7] a socket is greeted and answered exactly what it lacks while the room is not built; the build follows the answer', async () => {
    const { proposal, stored, first } = await storedProposal('Koud openen met een deel')
    const socket = await openRawSocket(server.wsUrl, proposal, writer.token)
    sockets.push(socket)
    const greetings = syncFrames(socket, SyncMessageType.step1)
    const answers = syncFrames(socket, SyncMessageType.step2)
    await expect.poll(() => greetings.length).toBe(1)
    const room = rooms().peek(proposal)!
    // Greeted from the stored bytes, nothing built yet.
    expect(room.built).toBe(false)
    expect(greetings[0]).toEqual(Y.encodeStateVectorFromUpdate(stored))

    const partial = new Y.Doc()
    Y.applyUpdate(partial, first)
    socket.send(step1Frame(Y.encodeStateVector(partial)))
    await expect.poll(() => answers.length).toBe(1)
    // Exactly the missing part: the first line is not sent again.
    expect(answers[0]).toEqual(Y.diffUpdate(stored, Y.encodeStateVector(partial)))
    Y.applyUpdate(partial, answers[0]!)
    expect(linesOf(partial)).toBe('Gemeenten nemen het voortouw.\nNa de eerste regel geschreven.')
    // The answer started the build, long before the delay.
    await expect.poll(() => room.built).toBe(true)
    expect(Y.equalSnapshots(Y.snapshot(partial), Y.snapshot(room.doc))).toBe(true)
    expect(fragmentOf(partial).toJSON()).toBe(fragmentOf(room.doc).toJSON())
  })

  it('[S3] a reader of the content of a cold room gets the stored text at once, without waiting for the delay', async () => {
    const { proposal } = await storedProposal('Koud lezen')
    const socket = await openRawSocket(server.wsUrl, proposal, writer.token)
    sockets.push(socket)
    const greetings = syncFrames(socket, SyncMessageType.step1)
    await expect.poll(() => greetings.length).toBe(1)
    expect(rooms().peek(proposal)!.built).toBe(false)
    expect(await storedText(proposal)).toBe(
      'Gemeenten nemen het voortouw.\nNa de eerste regel geschreven.',
    )
    expect(rooms().peek(proposal)!.built).toBe(true)
  })

  it('[S3][P5] an edit and carets sent while the room is cold are applied, stored and reach a second client', async () => {
    const { proposal } = await storedProposal('Koud openen en meteen schrijven')
    const first = connect(proposal)
    await first.synced()
    first.provider.awareness.setLocalStateField('user', { name: 'Schrijver' })
    appendBlock(first.doc, 'Meteen na het openen.')
    await expect.poll(() => storedText(proposal)).toContain('Meteen na het openen.')
    const second = connect(proposal)
    await second.synced()
    await expect.poll(() => linesOf(second.doc)).toContain('Meteen na het openen.')
    await expect
      .poll(() => second.provider.awareness.getStates().has(first.doc.clientID))
      .toBe(true)
    await first.roundTrip()
    expect(first.closed).toBeNull()
    expect(linesOf(first.doc)).toBe(linesOf(rooms().peek(proposal)!.doc))
  })

  it('[S3] a stored snapshot that cannot be read closes the socket with 1011 load_failed; a readable one opens', async () => {
    const { proposal } = await storedProposal('Onleesbaar')
    const readable = await storedProposal('Leesbaar')
    await server.server.services.storage.documents.compact(proposal, {
      state: new Uint8Array([7, 7, 7, 7]),
      authorship: new Uint8Array(),
    })
    const socket = await openRawSocket(server.wsUrl, proposal, writer.token)
    sockets.push(socket)
    const closed = closeOf(socket)
    socket.send(step1Frame(Y.encodeStateVector(new Y.Doc())))
    socket.send(step1Frame(new Uint8Array([1, 5, 3])))
    expect(await closed).toEqual({ code: 1011, reason: 'load_failed' })

    const client = connect(readable.proposal)
    await client.synced()
    expect(linesOf(client.doc)).toBe(
      'Gemeenten nemen het voortouw.\nNa de eerste regel geschreven.',
    )
  })
})
