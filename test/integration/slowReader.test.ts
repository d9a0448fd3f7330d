/**
 * A reader whose socket falls behind gets what waited for it merged into fewer
 * messages: every edit still arrives, complete and in order, and so does the newest
 * presence of everyone. A reader that keeps up gets each edit as it is made.
 *
 * How many messages a reader gets depends on when the kernel takes each write, so
 * the checks here are the ones timing cannot change: the slow reader's messages
 * carried several paragraphs at once (the data is far more than the kernel's
 * buffers of both ends hold), and a reader given time gets one message per edit.
 */
import type { Socket } from 'node:net'
import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from '../../editor/features/presence/sendOwnAwareness.ts'
import { caret } from '../helpers/carets.ts'
import { client, start } from '../helpers/identitySupport.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

/** The sync updates (type 0, step 2) a client's socket receives, as they arrive. */
function updatesOf(socket: WebSocket): Uint8Array[] {
  const updates: Uint8Array[] = []
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) return
    updates.push(decoding.readVarUint8Array(decoder))
  })
  return updates
}

/** How many characters of text an update inserts. */
function insertedCharacters(update: Uint8Array): number {
  let characters = 0
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString)
      characters += struct.content.str.length
  }
  return characters
}

describe('a reader that falls behind', () => {
  it('[S1] gets every edit complete and in order, several per message, and the newest caret; a reader that keeps up gets each edit as it is made', async () => {
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
    const slowUpdates = updatesOf(slow.provider.ws as unknown as WebSocket)
    const quickUpdates = updatesOf(quick.provider.ws as unknown as WebSocket)

    // A reader that keeps up: each edit waits until it has arrived, so each is a message of its own.
    for (let i = 0; i < 5; i++) {
      const before = quickUpdates.length
      appendBlock(anna.doc, `los ${i}`)
      await vi.waitFor(() => expect(quickUpdates.length).toBeGreaterThan(before), { timeout: 5000 })
      await vi.waitFor(() => expect(linesOf(quick.doc)).toBe(linesOf(anna.doc)))
    }
    await vi.waitFor(() => expect(linesOf(slow.doc)).toBe(linesOf(anna.doc)))
    slowUpdates.length = 0

    // The slow reader stops reading: what the server writes to it piles up.
    const slowSocket = (slow.provider.ws as unknown as { _socket: Socket })._socket
    slowSocket.pause()
    const paragraph = 'Gemeenten nemen het voortouw. '.repeat(1000)
    // 9 MB, about twice what the kernel's buffers of the two ends hold here
    const count = 300
    for (let i = 0; i < count; i++) {
      appendBlock(anna.doc, `${i} ${paragraph}`)
      if (i % 20 === 19) anna.provider.awareness.setLocalStateField('cursor', caret(i))
      // one update per turn, as a person's edits come
      await new Promise((resolve) => setImmediate(resolve))
    }
    await anna.roundTrip()
    await vi.waitFor(() => expect(linesOf(quick.doc)).toBe(linesOf(anna.doc)), { timeout: 30_000 })

    slowSocket.resume()
    await vi.waitFor(() => expect(linesOf(slow.doc)).toBe(linesOf(anna.doc)), { timeout: 30_000 })
    // in order: nothing waits for a missing part
    expect(slow.doc.store.pendingStructs).toBeNull()
    expect(slow.doc.store.pendingDs).toBeNull()
    // what waited left merged: at least one message carried several paragraphs
    const mostInOne = Math.max(...slowUpdates.map(insertedCharacters))
    expect(mostInOne).toBeGreaterThan(2 * paragraph.length)
    expect(slowUpdates.length).toBeLessThan(count)
    await vi.waitFor(() =>
      expect(slow.provider.awareness.getStates().get(anna.doc.clientID)?.cursor).toEqual(
        caret(count - 1),
      ),
    )
    expect([anna.closeCodes, slow.closeCodes, quick.closeCodes]).toEqual([[], [], []])
  })
})
