/**
 * A reader whose socket falls behind gets what waited for it merged into fewer
 * messages: every edit still arrives, complete and in order, and so does the newest
 * presence of everyone.
 */
import type { Socket } from 'node:net'
import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { sendOwnAwarenessOnly } from '../../editor/features/presence/sendOwnAwareness.ts'
import { caret } from '../helpers/carets.ts'
import { client, start } from '../helpers/identitySupport.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

/** Counts the sync updates (type 0, step 2) a client's socket receives. */
function countUpdates(socket: WebSocket): () => number {
  let updates = 0
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 2) updates++
  })
  return () => updates
}

describe('a reader that falls behind', () => {
  it('[S1] gets every edit complete and in order, in fewer messages, and the newest caret; a reader that keeps up gets them one by one', async () => {
    const server = await start()
    const writer = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const reader = await server.invite({
      name: 'Bram',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    const anna = client(server, 'voorstel-1', writer.token)
    sendOwnAwarenessOnly(anna.provider)
    const slow = client(server, 'voorstel-1', reader.token)
    const quick = client(server, 'voorstel-1', reader.token)
    await Promise.all([anna.synced(), slow.synced(), quick.synced()])
    const slowUpdates = countUpdates(slow.provider.ws as unknown as WebSocket)
    const quickUpdates = countUpdates(quick.provider.ws as unknown as WebSocket)

    // The slow reader stops reading: what the server writes to it piles up.
    const slowSocket = (slow.provider.ws as unknown as { _socket: Socket })._socket
    slowSocket.pause()
    const paragraph = 'Gemeenten nemen het voortouw. '.repeat(500)
    // more than the kernel's buffers of the two ends hold (about 4 MiB here)
    const count = 400
    for (let i = 0; i < count; i++) {
      appendBlock(anna.doc, `${i} ${paragraph}`)
      if (i % 20 === 19) anna.provider.awareness.setLocalStateField('cursor', caret(i))
      // one update per turn, as a person's edits come
      await new Promise((resolve) => setImmediate(resolve))
    }
    await anna.roundTrip()
    await vi.waitFor(() => expect(linesOf(quick.doc)).toBe(linesOf(anna.doc)), { timeout: 20_000 })
    // each paragraph, then the server's block id for it (B1), one message each
    expect(quickUpdates()).toBeGreaterThanOrEqual(count)

    slowSocket.resume()
    await vi.waitFor(() => expect(linesOf(slow.doc)).toBe(linesOf(anna.doc)), { timeout: 20_000 })
    // in order: nothing waits for a missing part
    expect(slow.doc.store.pendingStructs).toBeNull()
    expect(slow.doc.store.pendingDs).toBeNull()
    expect(slowUpdates()).toBeLessThan(quickUpdates())
    await vi.waitFor(() =>
      expect(slow.provider.awareness.getStates().get(anna.doc.clientID)?.cursor).toEqual(
        caret(count - 1),
      ),
    )
    expect([anna.closeCodes, slow.closeCodes, quick.closeCodes]).toEqual([[], [], []])
  })
})
