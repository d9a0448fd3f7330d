import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Limits } from '../../shared/protocol.ts'
import { updateFrame } from '../helpers/clients.ts'
import { clientFrameHeader, openRawWebSocket, type RawWebSocket } from '../helpers/rawWebSocket.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

const MiB = 1024 * 1024

// A garbage collection on demand, so a sample of memory counts only what is held.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** A sync update frame of exactly `size` bytes: one paragraph of filler text. */
function updateFrameOfSize(size: number): Uint8Array {
  let textLength = size
  for (;;) {
    const doc = new Y.Doc()
    appendBlock(doc, 'x'.repeat(textLength))
    const frame = updateFrame(Y.encodeStateAsUpdate(doc))
    if (frame.length === size) return frame
    textLength += size - frame.length
  }
}

describe('frames over the limit', () => {
  let server: TestServer
  const sockets: RawWebSocket[] = []
  afterEach(async () => {
    for (const raw of sockets.splice(0)) raw.socket.destroy()
    await server.close()
  })

  async function open(): Promise<RawWebSocket> {
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const raw = await openRawWebSocket(server.url, `/sync/voorstel-1?token=${token}`)
    sockets.push(raw)
    return raw
  }

  it('[S4][A4] frames announcing 2 MiB + 1, 64 MiB and 2^60 bytes close with 4413 from their header alone, before their payload is sent', async () => {
    server = await startServer()
    // The last one announces more than 2^53 bytes, which ws reads as an error of its own.
    for (const length of [Limits.maxFrameBytes + 1, 64 * MiB, 2 ** 60]) {
      const raw = await open()
      // The header and the first bytes of a sync update; the rest is never sent.
      raw.socket.write(Buffer.concat([clientFrameHeader(length), Buffer.from([0, 2])]))
      expect(await raw.closeFrame).toEqual({ code: 4413, reason: 'payload_too_large' })
    }
    const metrics = await server.api<string>('/metrics')
    expect(metrics.body).toMatch(/meeschrijven_refused_total\{reason="payload_too_large"\} 3/)
  })

  it('[S4] a frame of exactly 2 MiB is read and applied', async () => {
    server = await startServer({ maxDocumentBytes: 8 * MiB })
    const raw = await open()
    const frame = updateFrameOfSize(Limits.maxFrameBytes)
    raw.socket.write(Buffer.concat([clientFrameHeader(frame.length), frame]))
    await vi.waitFor(
      () =>
        expect(
          linesOf(server.server.services.rooms.peek('voorstel-1')!.doc).length,
        ).toBeGreaterThan(2 * MiB - 100),
      { timeout: 10_000 },
    )
    expect(raw.socket.destroyed).toBe(false)
  })

  it('[S4] streaming a 15 MiB and a 64 MiB frame leaves the server’s memory flat', {
    timeout: 60_000,
  }, async () => {
    server = await startServer()
    const chunk = Buffer.alloc(MiB)
    for (const length of [15 * MiB, 64 * MiB]) {
      const raw = await open()
      const held = () => {
        collectGarbage()
        return process.memoryUsage().arrayBuffers
      }
      const before = held()
      let peak = 0
      let sent = 0
      raw.socket.write(clientFrameHeader(length))
      for (; sent < length && !raw.socket.destroyed; sent += MiB) {
        if (!raw.socket.write(chunk)) await new Promise((done) => raw.socket.once('drain', done))
        // Let the server read what arrived before sampling.
        await new Promise((done) => setImmediate(done))
        if (sent % (4 * MiB) === 0) peak = Math.max(peak, held() - before)
      }
      expect(sent).toBe(length)
      expect(await raw.closeFrame).toEqual({ code: 4413, reason: 'payload_too_large' })
      // Sockets in flight hold a few MiB at times; the frame itself (15 or 64 MiB) never.
      expect(peak).toBeLessThan(8 * MiB)
    }
  })
})
