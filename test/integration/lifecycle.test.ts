/**
 * Every visit a real person makes, for every role, with stock y-websocket clients:
 * a first visit, a reconnect after a dropped socket, a return with the copy the
 * browser kept (an existing Y.Doc), a return after a restore, after a compaction,
 * after a server restart, and while the text is `vastgesteld`. Each time the client
 * is let in and kept in step (it receives a writer's later edit), and only a real
 * edit of someone who may not write is refused; a writer's real edit arrives.
 *
 * The history each client returns to holds formatting and deletions, so the sync
 * step 2 it sends always carries a delete set (what used to shut reviewers out).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import type { Role } from '../../shared/roles.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

const ROLES: ReadonlyArray<{ label: string; role: Role }> = [
  { label: 'lid', role: 'reviewer' },
  { label: 'werkgroep', role: 'writer' },
  { label: 'redactie', role: 'editor' },
]

/** How a visit starts: each returns the client of `token` on `proposal`, let in and synced. */
type Visit = (proposal: string, token: string) => Promise<TestClient>

describe('[S7] every visit works for every role', () => {
  let server: TestServer
  const people = new Map<Role, Invited>()
  let schrijver: Invited
  const clients: TestClient[] = []
  let proposals = 0

  beforeAll(async () => {
    server = await startServer({ logLevel: 'warn' })
    for (const { label, role } of ROLES) {
      people.set(role, await server.invite({ name: `Bezoeker ${label}`, role, proposals: '*' }))
    }
    schrijver = await server.invite({ name: 'Schrijver', role: 'writer', proposals: '*' })
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })
  afterAll(async () => {
    await server.close()
  })

  const connect = (proposal: string, token: string, doc?: Y.Doc) => {
    const client = connectClient(server.wsUrl, proposal, token, doc ? { doc } : {})
    clients.push(client)
    return client
  }
  const storedText = async (proposal: string) =>
    (await server.api<{ text: string }>(`/api/proposals/${proposal}/content`)).body.text
  const room = (proposal: string) => server.server.services.rooms.peek(proposal)

  /** A new proposal whose text has formatting and deletions; returns it and its writer. */
  async function proposalWithHistory() {
    proposals++
    const created = await server.api<{ id: string }>('/api/proposals', {
      method: 'POST',
      body: { title: `Levensloop ${proposals}` },
    })
    const proposal = created.body.id
    const writer = connect(proposal, schrijver.token)
    await writer.synced()
    const text = appendBlock(writer.doc, 'Gemeenten nemen samen het voortouw in de transities.')
    text.format(0, 9, { bold: {} })
    text.format(5, 15, { italic: {} })
    text.delete(16, 6)
    appendBlock(writer.doc, 'Een alinea die weer verdwijnt.')
    writer.doc.getXmlFragment('default').delete(1, 1)
    await expect
      .poll(() => storedText(proposal))
      .toBe('Gemeenten nemen het voortouw in de transities.')
    return { proposal, writer }
  }

  /** Writes `words` at the end of the first passage from `writer`'s client. */
  const writeAtEnd = (client: TestClient, words: string) => {
    const text = textOfBlock(client.doc, 0)
    text.insert(text.length, words)
  }

  /** A visitor's copy, kept after its socket is gone (what y-indexeddb keeps). */
  async function keptCopy(proposal: string, token: string): Promise<Y.Doc> {
    const first = connect(proposal, token)
    await first.synced()
    await first.roundTrip()
    first.provider.destroy()
    return first.doc
  }

  const VISITS: Record<string, (writer: TestClient) => Visit> = {
    'a first visit': () => async (proposal, token) => connect(proposal, token),
    'a reconnect after a dropped socket': () => async (proposal, token) => {
      const client = connect(proposal, token)
      await client.synced()
      await client.roundTrip()
      const dropped = client.provider.ws
      for (const conn of room(proposal)!.connections) {
        if (conn.personId !== schrijver.person.id) conn.socket.terminate()
      }
      await vi.waitFor(() => {
        expect(client.provider.ws).not.toBe(dropped)
        expect(client.provider.synced).toBe(true)
      })
      return client
    },
    'a return with the kept copy': (writer) => async (proposal, token) => {
      const doc = await keptCopy(proposal, token)
      writeAtEnd(writer, ' Intussen geschreven.')
      return connect(proposal, token, doc)
    },
    'a return after the text was restored': (writer) => async (proposal, token) => {
      const saved = await server.api<{ id: string }>(`/api/proposals/${proposal}/versions`, {
        method: 'POST',
        body: { name: 'Voor de wijziging' },
      })
      const doc = await keptCopy(proposal, token)
      writeAtEnd(writer, ' Wordt teruggedraaid.')
      await expect.poll(() => storedText(proposal)).toContain('teruggedraaid')
      const restore = await server.api(
        `/api/proposals/${proposal}/versions/${saved.body.id}/restore`,
        { method: 'POST' },
      )
      expect(restore.status).toBe(200)
      await vi.waitFor(() => expect(linesOf(writer.doc)).not.toContain('teruggedraaid'))
      return connect(proposal, token, doc)
    },
    'a return after a compaction': (writer) => async (proposal, token) => {
      const doc = await keptCopy(proposal, token)
      writeAtEnd(writer, ' Voor het comprimeren.')
      await expect.poll(() => storedText(proposal)).toContain('comprimeren')
      await room(proposal)!.compact()
      expect(server.server.services.storage.documents.logBytes(proposal)).toBe(0)
      return connect(proposal, token, doc)
    },
    'a reconnect after a server restart': () => async (proposal, token) => {
      const client = connect(proposal, token)
      await client.synced()
      await client.roundTrip()
      const before = client.provider.ws
      await server.restart()
      await vi.waitFor(() => {
        expect(client.provider.ws).not.toBe(before)
        expect(client.provider.synced).toBe(true)
      })
      return client
    },
  }

  for (const { label, role } of ROLES) {
    for (const [name, visit] of Object.entries(VISITS)) {
      it(`[S7][A3] ${label}: ${name} is let in and kept in step; only a real edit of someone who may not write is refused`, async () => {
        const { proposal, writer } = await proposalWithHistory()
        const visitor = people.get(role)!
        const client = await visit(writer)(proposal, visitor.token)
        await client.synced()
        // The client's sync step 2 (its delete set included) was handled and not refused.
        await client.roundTrip()
        expect(client.closed).toBeNull()
        expect(linesOf(client.doc)).toBe(linesOf(writer.doc))

        writeAtEnd(writer, ' Later geschreven.')
        await vi.waitFor(() => expect(linesOf(client.doc)).toContain('Later geschreven.'))

        appendBlock(client.doc, `Echte wijziging van ${label}.`)
        if (role === 'reviewer') {
          await vi.waitFor(() => expect(client.closed).toEqual({ code: 4403, reason: 'read_only' }))
          expect(await storedText(proposal)).not.toContain('Echte wijziging')
          expect(linesOf(writer.doc)).not.toContain('Echte wijziging')
        } else {
          await vi.waitFor(() =>
            expect(linesOf(writer.doc)).toContain(`Echte wijziging van ${label}.`),
          )
          expect(client.closed).toBeNull()
        }
        // The positive twin on the same path: a writer's real edit arrives and is kept.
        writeAtEnd(writer, ' Tot slot.')
        await expect.poll(() => storedText(proposal)).toContain('Tot slot.')
      })
    }

    it(`[S7][H4][S5] ${label}: a return while vastgesteld is let in and kept in step; a real edit is refused`, async () => {
      const { proposal, writer } = await proposalWithHistory()
      const visitor = people.get(role)!
      const doc = await keptCopy(proposal, visitor.token)
      const status = (value: string) =>
        server.api(`/api/proposals/${proposal}`, { method: 'PATCH', body: { status: value } })
      expect((await status('vastgesteld')).status).toBe(200)
      const client = connect(proposal, visitor.token, doc)
      await client.synced()
      await client.roundTrip()
      expect(client.closed).toBeNull()

      // Kept in step while it stays: the text opens again, a writer writes, it arrives.
      expect((await status('definitief')).status).toBe(200)
      writeAtEnd(writer, ' Na het heropenen.')
      await vi.waitFor(() => expect(linesOf(client.doc)).toContain('Na het heropenen.'))
      expect((await status('vastgesteld')).status).toBe(200)
      await client.roundTrip()

      appendBlock(client.doc, 'Wijziging in een vastgestelde tekst.')
      // A stock client has no events (E1): it is told by the close (S5).
      const reason = role === 'reviewer' ? 'read_only' : 'frozen'
      await vi.waitFor(() => expect(client.closed).toEqual({ code: 4403, reason }))
      expect(await storedText(proposal)).not.toContain('vastgestelde tekst')
      // The positive twin: once the freeze lifts, a writer's edit on the same path arrives.
      expect((await status('definitief')).status).toBe(200)
      writeAtEnd(writer, ' Weer open.')
      await expect.poll(() => storedText(proposal)).toContain('Weer open.')
    })
  }
})
