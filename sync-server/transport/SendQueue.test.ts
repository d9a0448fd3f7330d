import { once } from 'node:events'
import { connect, createServer, type Socket } from 'node:net'
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as ws from 'ws'
import * as Y from 'yjs'
import { binaryFrame } from './frames.ts'
import {
  mergeAwarenessUpdates,
  outgoingAwareness,
  outgoingFrame,
  outgoingUpdate,
} from './Outgoing.ts'
import { SendQueue } from './SendQueue.ts'

// ws exports its frame parser at run time; its type definitions leave it out.
const { Receiver } = ws as unknown as {
  Receiver: new (options: {
    isServer: boolean
  }) => NodeJS.WritableStream & { on(event: 'message', listener: (data: Buffer) => void): void }
}

/** A real TCP connection on localhost: the server end to write to, the client end's frames. */
async function socketPair() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  const accepted = once(server, 'connection') as Promise<[Socket]>
  const client = connect(port, '127.0.0.1')
  const [serverEnd] = await accepted
  const messages: Uint8Array[] = []
  // ws's own parser reads the frames as a client would
  const receiver = new Receiver({ isServer: false })
  receiver.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  client.pipe(receiver)
  return {
    serverEnd,
    messages,
    close() {
      client.destroy()
      serverEnd.destroy()
      server.close()
    },
  }
}

/** Edits of one writer, each its own update, as a client sends them. */
function typedUpdates(count: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)))
  return { updates, doc }
}

function payloadOf(message: Uint8Array): { type: number; data: Uint8Array } {
  const decoder = decoding.createDecoder(message)
  const type = decoding.readVarUint(decoder)
  if (type === 0) decoding.readVarUint(decoder)
  return { type, data: decoding.readVarUint8Array(decoder) }
}

let close: (() => void) | undefined
afterEach(() => close?.())

describe('SendQueue', () => {
  it('[S1] the first message leaves at once; what arrives during its write leaves merged in one write, complete and in order', async () => {
    const pair = await socketPair()
    close = pair.close
    const write = vi.spyOn(pair.serverEnd, 'write')
    const queue = new SendQueue(pair.serverEnd)
    const { updates, doc } = typedUpdates(5)
    const event = binaryFrame(new Uint8Array([100, 1, 0x7b]))
    queue.push(outgoingUpdate(updates[0]!))
    expect(write).toHaveBeenCalledTimes(1)
    queue.push(outgoingUpdate(updates[1]!))
    queue.push(outgoingUpdate(updates[2]!))
    queue.push(outgoingFrame(event))
    queue.push(outgoingUpdate(updates[3]!))
    queue.push(outgoingUpdate(updates[4]!))
    expect(write).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(pair.messages).toHaveLength(4))
    // one write for everything that waited
    expect(write).toHaveBeenCalledTimes(2)
    const [first, merged12, plain, merged34] = pair.messages.map(payloadOf)
    expect(first!.data).toEqual(updates[0])
    expect(plain!.type).toBe(100)
    expect(merged12!.data).toEqual(Y.mergeUpdates([updates[1]!, updates[2]!]))
    expect(merged34!.data).toEqual(Y.mergeUpdates([updates[3]!, updates[4]!]))
    const reader = new Y.Doc()
    for (const part of [first, merged12, merged34]) Y.applyUpdate(reader, part!.data)
    expect(reader.getText('t').toString()).toBe(doc.getText('t').toString())
  })

  it('[S1] a socket that keeps up gets every message in its own write, none held back', async () => {
    const pair = await socketPair()
    close = pair.close
    const write = vi.spyOn(pair.serverEnd, 'write')
    const queue = new SendQueue(pair.serverEnd)
    const { updates } = typedUpdates(3)
    for (const update of updates) {
      queue.push(outgoingUpdate(update))
      // the previous write is done before the next message comes
      await new Promise((resolve) => setImmediate(resolve))
    }
    await vi.waitFor(() => expect(pair.messages).toHaveLength(3))
    expect(write).toHaveBeenCalledTimes(3)
    expect(pair.messages.map((m) => payloadOf(m).data)).toEqual(updates)
  })

  it('[S1] an update and the carets given with it leave in one write, also when nothing was under way; each is its own message', async () => {
    const pair = await socketPair()
    close = pair.close
    const write = vi.spyOn(pair.serverEnd, 'write')
    const queue = new SendQueue(pair.serverEnd)
    const { updates } = typedUpdates(1)
    const carets = new Uint8Array([1, 7, 1, 7, ...Buffer.from('{"a":1}')])
    queue.push(outgoingUpdate(updates[0]!), outgoingAwareness(carets))
    expect(write).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(pair.messages).toHaveLength(2))
    expect(write).toHaveBeenCalledTimes(1)
    const [update, awareness] = pair.messages.map(payloadOf)
    expect(update).toEqual({ type: 0, data: updates[0] })
    expect(awareness).toEqual({ type: 1, data: carets })
  })

  it('[A7] awareness that waited leaves as one message with the newest state of each client', async () => {
    const pair = await socketPair()
    close = pair.close
    const queue = new SendQueue(pair.serverEnd)
    const state = (client: number, clock: number, value: string) => {
      const bytes = [1, client, clock, value.length, ...Buffer.from(value)]
      return new Uint8Array(bytes)
    }
    queue.push(outgoingAwareness(state(7, 1, '{"a":1}')))
    queue.push(outgoingAwareness(state(7, 2, '{"a":2}')))
    queue.push(outgoingAwareness(state(9, 1, '{"b":1}')))
    queue.push(outgoingAwareness(state(7, 3, '{"a":3}')))
    await vi.waitFor(() => expect(pair.messages).toHaveLength(2))
    const merged = payloadOf(pair.messages[1]!)
    expect(merged.type).toBe(1)
    expect(merged.data).toEqual(
      mergeAwarenessUpdates([state(7, 3, '{"a":3}'), state(9, 1, '{"b":1}')]),
    )
    const decoder = decoding.createDecoder(merged.data)
    expect(decoding.readVarUint(decoder)).toBe(2)
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([7, 3])
    expect(decoding.readVarString(decoder)).toBe('{"a":3}')
  })

  it('[S1] a close waits until what was sent before it is written', async () => {
    const pair = await socketPair()
    close = pair.close
    const queue = new SendQueue(pair.serverEnd)
    const { updates } = typedUpdates(2)
    queue.push(outgoingUpdate(updates[0]!))
    queue.push(outgoingUpdate(updates[1]!))
    expect(queue.pendingBytes).toBeGreaterThan(0)
    const idle = vi.fn()
    queue.afterPending(idle)
    expect(idle).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(idle).toHaveBeenCalledTimes(1))
    expect(queue.pendingBytes).toBe(0)
    await vi.waitFor(() => expect(pair.messages).toHaveLength(2))
  })
})
