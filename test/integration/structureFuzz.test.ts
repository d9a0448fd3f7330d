/**
 * A writer sends updates of every wrong shape over a real socket (contract S9):
 * each is refused with 4400 `invalid_document` and nothing of it is stored,
 * while the same writer's valid edits in between reach a second client. After
 * the run every reader of the text answers, and a fresh editor opens it without
 * repairing anything. `SEED=<n>` replays a run.
 */
import * as prng from 'lib0/prng'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  closeOf,
  connectClient,
  openRawSocket,
  type TestClient,
  updateFrame,
} from '../helpers/clients.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { expectValidDocument, storedBytes } from '../helpers/structure.ts'
import { fillValidText, validEdit, WRONG_SHAPE_KINDS, wrongShape } from '../helpers/wrongShapes.ts'
import { linesOf } from '../helpers/ydoc.ts'

const SEED = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31))
const ROUNDS = 3 * WRONG_SHAPE_KINDS.length
const P1 = '/api/proposals/voorstel-1'

describe(`wrong shapes over a real socket (SEED=${SEED})`, () => {
  let server: TestServer
  const clients: TestClient[] = []
  const editors: HeadlessEditor[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const e of editors.splice(0)) e.destroy()
    await server.close()
  })

  it('[S9] every wrong shape is refused with 4400 invalid_document and stores nothing; valid edits in between arrive; afterwards every reader answers', {
    timeout: 120_000,
  }, async () => {
    console.info(`structure fuzz: SEED=${SEED}`)
    const gen = prng.create(SEED)
    server = await startServer({ maxSocketsPerPerson: 1000 })
    const { token } = await server.invite({
      name: 'Wies',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const writer = connectClient(server.wsUrl, 'voorstel-1', token)
    const watcher = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(writer, watcher)
    await Promise.all([writer.synced(), watcher.synced()])
    const room = server.server.services.rooms.peek('voorstel-1')!
    /** Everyone has what the server has (its own block ids too), so storage holds it all. */
    const settled = () =>
      vi.waitFor(() => {
        const state = Y.encodeStateVector(room.doc)
        expect(Y.encodeStateVector(watcher.doc)).toEqual(state)
        expect(Y.encodeStateVector(writer.doc)).toEqual(state)
      })
    fillValidText(writer.doc)
    await settled()

    const refused = new Map<string, number>()
    for (let round = 0; round < ROUNDS; round++) {
      // The positive twin: the writer's valid edit reaches the other client.
      validEdit(gen, writer.doc)
      await vi.waitFor(() => expect(linesOf(watcher.doc)).toBe(linesOf(writer.doc)))
      await settled()

      const kind = WRONG_SHAPE_KINDS[round % WRONG_SHAPE_KINDS.length] as string
      const { update } = wrongShape(gen, writer.doc, kind)
      const before = await storedBytes(server, 'voorstel-1')
      const state = Y.encodeStateAsUpdate(room.doc)
      const socket = await openRawSocket(server.wsUrl, 'voorstel-1', token)
      let outcome: unknown = null
      closeOf(socket).then((close) => {
        outcome = close
      })
      socket.send(updateFrame(update))
      await vi.waitFor(() =>
        expect(outcome, `${kind} (round ${round})`).toEqual({
          code: 4400,
          reason: 'invalid_document',
        }),
      )
      expect(await storedBytes(server, 'voorstel-1'), kind).toEqual(before)
      expect(Y.encodeStateAsUpdate(room.doc), kind).toEqual(state)
      refused.set(kind, (refused.get(kind) ?? 0) + 1)
    }
    expect([...refused.keys()].sort()).toEqual([...WRONG_SHAPE_KINDS].sort())
    expect(writer.closed).toBeNull()

    // Every reader of the text answers, and the text is a valid document.
    const content = await server.api<{ doc: unknown; text: string }>(`${P1}/content`)
    expect(content.status).toBe(200)
    expect(content.body.text).toBe(linesOf(writer.doc))
    expectValidDocument(content.body.doc)
    for (const format of ['md', 'html', 'docx']) {
      expect((await server.api(`${P1}/export?format=${format}`)).status, format).toBe(200)
    }
    const version = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Na de aanval' },
    })
    expect(version.status).toBe(201)
    expect((await server.api(`${P1}/versions/${version.body.id}`)).status).toBe(200)
    expect(
      (await server.api(`${P1}/versions/${version.body.id}/diff?against=current`)).status,
    ).toBe(200)

    // A fresh editor opens the text as it is: it repairs nothing.
    const own: unknown[] = []
    const fresh = startHeadlessEditor({ wsUrl: server.wsUrl, proposalId: 'voorstel-1', token })
    editors.push(fresh)
    fresh.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== fresh.provider) own.push(origin)
    })
    await fresh.synced()
    expect(fresh.json()).toEqual(content.body.doc)
    fresh.editor.state.doc.check()
    expect(own).toEqual([])
  })
})
