/**
 * The editor notices a dead connection by probing a quiet socket with a sync
 * step 1 (see docs/PROTOCOL.md). With hundreds of readers that must cost the
 * server next to nothing: a socket that lacks nothing gets an empty sync step 2
 * (no encoding of the whole delete set); one that lacks something gets exactly
 * that, so it is kept in step (S7).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../shared/protocol.ts'
import { connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

/** A raw socket that applies what the server sends to its own Y.Doc and keeps each step 2. */
function rawReader(socket: WebSocket) {
  const doc = new Y.Doc()
  const answers: Uint8Array[] = []
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (step === SyncMessageType.step2) answers.push(payload)
    if (step !== SyncMessageType.step1) Y.applyUpdate(doc, payload)
  })
  const askWith = (stateVector: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, SyncMessageType.step1)
    encoding.writeVarUint8Array(encoder, stateVector)
    socket.send(encoding.toUint8Array(encoder))
  }
  return { doc, answers, askWith }
}

describe('[S7] probing a socket', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const sockets: WebSocket[] = []
  beforeEach(async () => {
    server = await startServer({ logLevel: 'warn' })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.close()
    await server.close()
  })

  it('[S7] a sync step 1 from a socket that lacks nothing is answered with an empty step 2; one that lacks something gets it', async () => {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const lid = await server.invite({ name: 'Lid', role: 'reviewer', proposals: ['voorstel-1'] })
    const writer = connectClient(server.wsUrl, 'voorstel-1', anna.token)
    clients.push(writer)
    await writer.synced()
    const text = appendBlock(writer.doc, 'Gemeenten nemen samen het voortouw.')
    text.delete(10, 6)
    await writer.roundTrip()

    const socket = await openRawSocket(server.wsUrl, 'voorstel-1', lid.token)
    sockets.push(socket)
    const reader = rawReader(socket)
    reader.askWith(Y.encodeStateVector(new Y.Doc()))
    await vi.waitFor(() => expect(reader.answers).toHaveLength(1))
    expect(linesOf(reader.doc)).toBe('Gemeenten samen het voortouw.')

    // Caught up: the probe's answer is an update with no structs and no deletions.
    reader.askWith(Y.encodeStateVector(reader.doc))
    await vi.waitFor(() => expect(reader.answers).toHaveLength(2))
    expect([...reader.answers[1]!]).toEqual([0, 0])

    // Behind (a state vector from before the writer's next edit): the answer has that edit.
    const before = Y.encodeStateVector(reader.doc)
    textOfBlock(writer.doc, 0).insert(0, 'Alle ')
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Alle Gemeenten samen het voortouw.'))
    reader.askWith(before)
    await vi.waitFor(() => expect(reader.answers).toHaveLength(3))
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, reader.answers[0]!)
    Y.applyUpdate(fresh, reader.answers[2]!)
    expect(linesOf(fresh)).toBe('Alle Gemeenten samen het voortouw.')
  })
})
