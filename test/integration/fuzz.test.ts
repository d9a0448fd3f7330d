import * as prng from 'lib0/prng'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { closeOf, connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts'
import { hostileFrame, validUpdates } from '../helpers/fuzzFrames.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, blocksOf, fragmentOf, linesOf } from '../helpers/ydoc.ts'

const SEED = Number(process.env.SEED ?? 20261127)
const FRAMES = 2500

/** Sends `count` hostile frames, each on a fresh socket, `parallel` at a time. */
async function fuzz(
  server: TestServer,
  token: string,
  gen: prng.PRNG,
  updates: Uint8Array[],
  count: number,
) {
  const kinds = new Map<string, number>()
  const closeCodes = new Map<number, number>()
  let sent = 0
  const worker = async () => {
    while (sent < count) {
      sent++
      const { kind, data } = hostileFrame(gen, updates)
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
      const socket = await openRawSocket(server.wsUrl, 'voorstel-1', token)
      const closed = closeOf(socket)
      socket.send(data)
      // Let the server answer (or not), then leave.
      const code = await Promise.race([
        closed.then((c) => c.code),
        new Promise<number>((r) => setTimeout(() => r(0), 30)),
      ])
      closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1)
      socket.terminate()
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return { kinds, closeCodes }
}

describe(`hostile frames (seed ${SEED})`, () => {
  let server: TestServer
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
  })

  async function setUp() {
    server = await startServer({ maxSocketsPerPerson: 1000 })
    const writer = await server.invite({
      name: 'Schrijver',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const honest = connectClient(server.wsUrl, 'voorstel-1', writer.token)
    const reader = connectClient(server.wsUrl, 'voorstel-1', writer.token)
    clients.push(honest, reader)
    await Promise.all([honest.synced(), reader.synced()])
    appendBlock(honest.doc, 'Eerste alinea van het voorstel.')
    appendBlock(honest.doc, 'Tweede alinea.')
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe(linesOf(honest.doc)))
    const gen = prng.create(SEED)
    const updates = validUpdates(honest.doc, gen, 40)
    // The honest writer keeps typing while the fuzzer runs.
    let typing = true
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        // A writer's hostile frames may reshape blocks: type into whatever text there is.
        const texts = blocksOf(honest.doc).flatMap((block) =>
          block.toArray().filter((n) => n instanceof Y.XmlText),
        )
        const text = texts[i % Math.max(1, texts.length)]
        if (text instanceof Y.XmlText) text.insert(0, `${i % 10}`)
        else appendBlock(honest.doc, `${i}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    })()
    const stopTyping = async () => {
      typing = false
      await typist
    }
    return { writer, honest, reader, gen, updates, stopTyping }
  }

  const room = () => server.server.services.rooms.peek('voorstel-1')!
  const sameState = (a: Y.Doc, b: Y.Doc) =>
    fragmentOf(a).toString() === fragmentOf(b).toString() &&
    Buffer.compare(Buffer.from(Y.encodeStateVector(a)), Buffer.from(Y.encodeStateVector(b))) === 0

  it("[S4][A3] from a reviewer's token: the text is exactly what the honest writer wrote; the server stays up", async () => {
    const { honest, gen, updates, stopTyping } = await setUp()
    const { token } = await server.invite({
      name: 'Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    const report = await fuzz(server, token, gen, updates, FRAMES)
    await stopTyping()
    await vi.waitFor(() => expect(sameState(room().doc, honest.doc)).toBe(true), { timeout: 5000 })
    expect(room().doc.store.pendingStructs).toBeNull()
    expect((await server.api('/healthz')).status).toBe(200)
    expect(report.kinds.size).toBeGreaterThanOrEqual(6)
  })

  it("[S4] from a writer's token: server, clients and stored state agree, and nothing is left pending", async () => {
    const { writer, honest, reader, gen, updates, stopTyping } = await setUp()
    const report = await fuzz(server, writer.token, gen, updates, FRAMES)
    await stopTyping()
    expect(report.closeCodes.get(4400)).toBeGreaterThan(0)
    await vi.waitFor(
      () => {
        expect(sameState(reader.doc, room().doc)).toBe(true)
        expect(sameState(honest.doc, room().doc)).toBe(true)
      },
      { timeout: 5000 },
    )
    expect(room().doc.store.pendingStructs).toBeNull()
    expect(room().doc.store.pendingDs).toBeNull()
    const text = linesOf(room().doc)
    for (const c of clients.splice(0)) c.destroy()
    await server.restart()
    const after = await server.api<{ text: string }>('/api/proposals/voorstel-1/content')
    expect(after.body.text).toBe(text)
  })

  it('random HTTP bodies never crash the server nor answer 500', async () => {
    server = await startServer({ rateLimit: { burst: 10_000, perSecond: 10_000 } })
    const gen = prng.create(SEED)
    const paths = [
      '/api/proposals',
      '/api/invites',
      '/api/proposals/voorstel-1',
      '/api/proposals/voorstel-1/threads',
      '/api/proposals/voorstel-1/versions',
    ]
    const statuses = new Set<number>()
    for (let i = 0; i < 300; i++) {
      const body = prng.bool(gen)
        ? Buffer.from(prng.uint8Array(gen, prng.int32(gen, 0, 200)))
        : prng.utf16String(gen, 100)
      const answer = await server.api(prng.oneOf(gen, paths), {
        method: prng.oneOf(gen, ['POST', 'PATCH']),
        raw: body,
      })
      statuses.add(answer.status)
    }
    expect([...statuses].filter((status) => status >= 500)).toEqual([])
    expect(statuses.has(400)).toBe(true)
    expect((await server.api('/healthz')).status).toBe(200)
  })
})
