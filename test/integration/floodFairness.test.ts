/**
 * One participant cannot hold the others up by sending a flood (contract S1: an edit
 * reaches the others at once; P5: nothing acknowledged is lost). A client that sends
 * thousands of updates in one go — a long offline session coming back, or a script —
 * has its messages taken one per turn of the event loop, so another writer's edit sent
 * just after the flood started is passed on before the flood has been worked through.
 * Before, every message of what the socket had delivered was handled in one go and the
 * other writer's edit waited for all of them.
 */
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { client, contentText, frame, rawSocket, start } from '../helpers/identitySupport.ts'
import { appendBlock, blocksOf, linesOf } from '../helpers/ydoc.ts'

const KEYSTROKES = 6000

/** The updates of someone typing `count` characters, one update per keystroke. */
function typedUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = appendBlock(doc, 'Anna:')
  for (let i = 0; i < count; i++) text.insert(text.length, 'a')
  return updates
}

const syncUpdate = (update: Uint8Array) =>
  frame(0, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })

describe('a flood from one socket', () => {
  it('[S1][P5] another writer’s edit is passed on while a flood of updates is still being worked through, and nothing of either is lost', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const cora = await server.invite({ name: 'Cora', role: 'reviewer', proposals: ['voorstel-1'] })
    const b = client(server, 'voorstel-1', bram.token)
    const c = client(server, 'voorstel-1', cora.token)
    await Promise.all([b.synced(), c.synced()])
    const flooder = await rawSocket(server, 'voorstel-1', anna.token)

    // How much of Anna's text the reader had when Bram's line reached it.
    let annasLengthWhenBramArrived: number | null = null
    const annasLine = () => blocksOf(c.doc).find((block) => block.toString().includes('Anna:'))
    c.doc.on('update', () => {
      if (annasLengthWhenBramArrived !== null || !linesOf(c.doc).includes('Bram')) return
      annasLengthWhenBramArrived = annasLine()?.toArray()[0]?.toString().length ?? 0
    })

    const frames = typedUpdates(KEYSTROKES).map(syncUpdate)
    // The whole flood in one write, as a client coming back online would send it.
    const tcp = (flooder as unknown as { _socket: { cork(): void; uncork(): void } })._socket
    tcp.cork()
    for (const f of frames) flooder.send(f)
    tcp.uncork()
    appendBlock(b.doc, 'Bram')

    const complete = 'Anna:' + 'a'.repeat(KEYSTROKES)
    await vi.waitFor(
      () => {
        expect(linesOf(c.doc).split('\n').sort()).toEqual(['Bram', complete].sort())
      },
      { timeout: 20_000, interval: 50 },
    )
    // Bram's line came while nearly all of Anna's keystrokes were still to be handled
    // (before: after the first 64 KiB the socket delivered, some 3,000 of them).
    expect(annasLengthWhenBramArrived).not.toBeNull()
    expect(annasLengthWhenBramArrived!).toBeLessThan(KEYSTROKES / 10)
    expect(linesOf(b.doc).split('\n').sort()).toEqual(['Bram', complete].sort())
    expect(await contentText(server, 'voorstel-1')).toContain(complete)
  })

  it('[P5] a client that sends a flood and closes its socket at once loses none of it', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const flooder = await rawSocket(server, 'voorstel-1', anna.token)
    const frames = typedUpdates(KEYSTROKES).map(syncUpdate)
    const tcp = (flooder as unknown as { _socket: { cork(): void; uncork(): void } })._socket
    tcp.cork()
    for (const f of frames) flooder.send(f)
    flooder.close()
    tcp.uncork()

    // Whatever the server had still to handle when the close came is handled all the same.
    const complete = 'Anna:' + 'a'.repeat(KEYSTROKES)
    await vi.waitFor(async () => expect(await contentText(server, 'voorstel-1')).toBe(complete), {
      timeout: 20_000,
      interval: 100,
    })
  })

  it('[S4] a socket that closes with messages still waiting: what the server would refuse still ends it, and nothing after that is applied', async () => {
    // No budget: every message after the first of a turn waits, so the close comes first.
    const server = await start({ messageBudgetMs: 0 })
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const flooder = await rawSocket(server, 'voorstel-1', anna.token)
    const typed = typedUpdates(200)
    const after = new Y.Doc()
    const afterUpdates: Uint8Array[] = []
    after.on('update', (update: Uint8Array) => afterUpdates.push(update))
    appendBlock(after, 'Na de fout')
    const tcp = (flooder as unknown as { _socket: { cork(): void; uncork(): void } })._socket
    tcp.cork()
    for (const update of typed) flooder.send(syncUpdate(update))
    // A frame of an unknown type: the server closes a socket for it (4400).
    flooder.send(new Uint8Array([99, 1, 2, 3]))
    for (const update of afterUpdates) flooder.send(syncUpdate(update))
    flooder.close()
    tcp.uncork()

    // What came before the bad frame is kept (its twin: the same path delivers)...
    const before = `Anna:${'a'.repeat(200)}`
    await vi.waitFor(async () => expect(await contentText(server, 'voorstel-1')).toBe(before), {
      timeout: 20_000,
      interval: 100,
    })
    // ...and what came after it is not, as when the socket was still open. The room
    // learns of the close only after every waiting message of the socket was taken.
    const room = server.server.services.rooms.peek('voorstel-1')
    await vi.waitFor(() => expect(room?.connections.size ?? 0).toBe(0), { timeout: 20_000 })
    expect(await contentText(server, 'voorstel-1')).toBe(before)
  })
})
