/**
 * [S8] Every change to the server's own document is stored and sent like a
 * client's, and all replicas — every client and the store — end with the same Yjs
 * state. The change the server makes most often without being asked is Yjs's own
 * cleanup of redundant formatting markers after a remote update: the tests here
 * make it happen on purpose with real y-websocket clients.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { SYSTEM_PERSON_ID } from '../../sync-server/rooms/ServerWriter.ts'
import { connectClient, holdOutgoing, type TestClient } from '../helpers/clients.ts'
import { storedAuthors, storedDoc, yjsState } from '../helpers/replicas.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

const SENTENCE = 'Gemeenten nemen samen het voortouw in de transities'

describe('[S8] the server’s own changes reach every replica and the store', () => {
  let server: TestServer
  let anna: Invited
  let bram: Invited
  let lies: Invited
  const clients: TestClient[] = []
  beforeEach(async () => {
    server = await startServer({ logLevel: 'warn' })
    anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    lies = await server.invite({ name: 'Lies', role: 'reviewer', proposals: ['voorstel-1'] })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  const connect = (person: Invited) => {
    const client = connectClient(server.wsUrl, 'voorstel-1', person.token)
    clients.push(client)
    return client
  }
  const storage = () => server.server.services.storage

  /** Anna and Bram (writers) and Lies (reviewer) on one sentence, all in step. */
  async function threeOnOneSentence() {
    const [a, b, r] = [connect(anna), connect(bram), connect(lies)]
    await Promise.all([a.synced(), b.synced(), r.synced()])
    appendBlock(a.doc, SENTENCE)
    await vi.waitFor(() => {
      for (const client of [b, r]) expect(linesOf(client.doc)).toBe(SENTENCE)
    })
    for (const client of [a, b, r]) await client.roundTrip()
    return { a, b, r }
  }

  /** Waits until every client and the stored document hold the same Yjs state. */
  async function expectAllEqual(replicas: TestClient[]) {
    await vi.waitFor(async () => {
      const stored = await storedDoc(storage(), 'voorstel-1')
      const expected = yjsState(stored)
      stored.destroy()
      for (const client of replicas) expect(yjsState(client.doc)).toEqual(expected)
    })
  }

  /** Concurrent edits that make Yjs clean up formatting, as found by a model search. */
  const RECIPES: Record<string, { formats: (text: Y.XmlText) => void; deletes: [number, number] }> =
    {
      'a phrase made bold while another writer deletes the words around it': {
        formats: (text) => text.format(10, 5, { bold: {} }),
        deletes: [8, 10],
      },
      'overlapping bold and italic while another writer deletes across both': {
        formats: (text) => {
          text.format(10, 5, { bold: {} })
          text.format(12, 8, { italic: {} })
        },
        deletes: [8, 10],
      },
      'bold at the end of the text while another writer deletes that end': {
        formats: (text) => text.format(42, 2, { bold: {} }),
        deletes: [41, 8],
      },
    }

  for (const [name, recipe] of Object.entries(RECIPES)) {
    it(`[S8][S7] ${name}: Yjs's cleanup is stored, credited to the server and reaches everyone`, async () => {
      const { a, b, r } = await threeOnOneSentence()
      // Bram deletes before Anna's formatting reaches him; the server gets Anna's first.
      const uplink = holdOutgoing(b)
      recipe.formats(textOfBlock(a.doc, 0))
      const [from, length] = recipe.deletes
      textOfBlock(b.doc, 0).delete(from, length)
      await a.roundTrip()
      uplink.release()

      await expectAllEqual([a, b, r])
      // The cleanup was the server's: stored credited to it, not to anyone typing.
      expect(await storedAuthors(storage(), 'voorstel-1')).toContain(SYSTEM_PERSON_ID)
      // The reviewer's own Yjs cleaned up too and sent it: that is no edit (S7).
      await r.roundTrip()
      expect(r.closed).toBeNull()
    })
  }

  it('[S8][S7] a reviewer’s removal of a redundant formatting marker is made by the server, not refused', async () => {
    const { a, b, r } = await threeOnOneSentence()
    // A server change that leaves a duplicate bold marker: two bolds of the same words
    // made apart, written in one local transaction (Yjs cleans up after remote ones only).
    const room = server.server.services.rooms.peek('voorstel-1')!
    const base = Y.encodeStateAsUpdate(room.doc)
    const updates = [5, 9].map((end) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, base)
      const before = Y.encodeStateVector(copy)
      textOfBlock(copy, 0).format(2, end - 2, { bold: {} })
      return Y.encodeStateAsUpdate(copy, before)
    })
    room.writeAsServer(SYSTEM_PERSON_ID, () => {
      for (const update of updates) Y.applyUpdate(room.doc, update)
    })
    const markers = (doc: Y.Doc) => {
      const found: Y.Item[] = []
      for (let item = textOfBlock(doc, 0)._start; item; item = item.right) {
        if (!item.deleted && item.content instanceof Y.ContentFormat) found.push(item)
      }
      return found
    }
    await vi.waitFor(() => expect(markers(r.doc)).toHaveLength(4))
    const shown = JSON.stringify(textOfBlock(r.doc, 0).toDelta())
    // What a replica's Yjs cleanup sends: the deletion of the second "bold on".
    const [, second] = markers(r.doc)
    r.doc.transact((tr) => second!.delete(tr))
    await r.roundTrip()
    expect(r.closed).toBeNull()
    await expectAllEqual([a, b, r])
    expect(markers(a.doc)).toHaveLength(3)
    expect(JSON.stringify(textOfBlock(a.doc, 0).toDelta())).toBe(shown)
    expect(await storedAuthors(storage(), 'voorstel-1')).toContain(SYSTEM_PERSON_ID)
  })

  it('[A3][S7] a reviewer’s deletion of formatting that does change the text is refused; a writer’s same deletion is applied', async () => {
    const { a, r } = await threeOnOneSentence()
    textOfBlock(a.doc, 0).format(0, 9, { bold: {} })
    await vi.waitFor(() => expect(textOfBlock(r.doc, 0).toDelta()).toHaveLength(2))
    await r.roundTrip()
    const deleteBoldMarkers = (doc: Y.Doc) =>
      doc.transact((tr) => {
        for (let item = textOfBlock(doc, 0)._start; item; item = item.right) {
          if (!item.deleted && item.content instanceof Y.ContentFormat) item.delete(tr)
        }
      })
    deleteBoldMarkers(r.doc)
    await vi.waitFor(() => expect(r.closed).toEqual({ code: 4403, reason: 'read_only' }))
    expect(textOfBlock(a.doc, 0).toDelta()).toHaveLength(2)
    // The positive twin: the same deletion from a writer is an edit, and arrives.
    deleteBoldMarkers(a.doc)
    const content = async () =>
      (await server.api<{ doc: unknown }>('/api/proposals/voorstel-1/content')).body.doc
    await expect.poll(async () => JSON.stringify(await content())).not.toContain('bold')
  })

  it('[S8] a change no known path made is logged as a fault and counted, yet stored and sent', async () => {
    const { a } = await threeOnOneSentence()
    const room = server.server.services.rooms.peek('voorstel-1')!
    textOfBlock(room.doc, 0).insert(0, 'Buiten elk pad: ')
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe(`Buiten elk pad: ${SENTENCE}`))
    const stored = await storedDoc(storage(), 'voorstel-1')
    expect(linesOf(stored)).toBe(`Buiten elk pad: ${SENTENCE}`)
    stored.destroy()
    expect(server.server.services.metrics.unexplainedChanges).toBe(1)
    expect(server.logs.some((line) => line.includes('unexplained change of the document'))).toBe(
      true,
    )
    // The test helper fails any test during which this happened.
    for (const client of clients.splice(0)) client.destroy()
    await expect(server.stop()).rejects.toThrow(/outside every known path/)
  })
})
