import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { unsentPassages } from '../../editor/features/collab/unsentEdits.ts'
import { MessageType } from '../../shared/protocol.ts'
import { rangeOf } from '../helpers/anchors.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

const P1 = '/api/proposals/voorstel-1'
const WAIT = { timeout: 10_000, interval: 50 }

interface Proposal {
  id: string
  status: string
  statusChangedAt: string | null
  statusChangedBy: { id: string; name: string; organisation: string | null } | null
}
type ServerEvent = { type: string } & Record<string, unknown>

let server: TestServer
const editors: HeadlessEditor[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

/** A headless editor of `person` that also keeps the server's events (E1). */
async function editorOf(person: Invited) {
  const editor = startHeadlessEditor({
    wsUrl: server.wsUrl,
    proposalId: 'voorstel-1',
    token: person.token,
    events: true,
  })
  const events: ServerEvent[] = []
  editor.provider.messageHandlers[MessageType.event] = (_encoder, decoder: decoding.Decoder) => {
    events.push(JSON.parse(decoding.readVarString(decoder)))
  }
  editors.push(editor)
  await editor.synced()
  return { editor, events }
}

const setStatus = (status: string, token = server.adminToken) =>
  server.api<Proposal>(P1, { method: 'PATCH', token, body: { status } })

async function serverText() {
  return (await server.api<{ text: string }>(`${P1}/content`)).body.text
}

/** The server's whole state, as a fresh client receives it. */
async function serverState(token: string): Promise<Uint8Array> {
  const fresh = connectClient(server.wsUrl, 'voorstel-1', token)
  clients.push(fresh)
  await fresh.synced()
  return Y.encodeStateAsUpdate(fresh.doc)
}

describe('status', () => {
  it('[H4][E1] editors set any status; who and when are kept and shown as a person; writers cannot', async () => {
    server = await startServer()
    const eva = await server.invite({
      name: 'Eva',
      role: 'editor',
      proposals: '*',
      organisation: 'VNG',
    })
    const wies = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const { events } = await editorOf(wies)
    const before = (await server.api<Proposal>(P1)).body
    expect(before).toMatchObject({
      status: 'concept',
      statusChangedAt: null,
      statusChangedBy: null,
    })

    expect((await setStatus('definitief', wies.token)).status).toBe(403)
    expect((await setStatus('klaar', eva.token)).status).toBe(422)
    for (const status of ['consultatie', 'definitief', 'vastgesteld', 'concept']) {
      const answer = await setStatus(status, eva.token)
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({
        status,
        statusChangedBy: { id: eva.person.id, name: 'Eva', organisation: 'VNG' },
        statusChangedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      })
    }
    const listed = (await server.api<Proposal[]>('/api/proposals', { token: wies.token })).body
    expect(listed.find((p) => p.id === 'voorstel-1')?.statusChangedBy).toEqual({
      id: eva.person.id,
      name: 'Eva',
      organisation: 'VNG',
    })
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'status')).toHaveLength(4), WAIT)
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'concept', by: { name: 'Eva' } })
  })

  it('[H4][S5] a writer typing when the text is frozen is told, nothing of it is merged, and writes again once the freeze lifts', async () => {
    server = await startServer()
    const wies = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const { editor: w, events } = await editorOf(wies)
    const { editor: b } = await editorOf(bram)
    w.editor.commands.insertContent('<p>Eerste zin.</p>')
    await vi.waitFor(async () => expect(await serverText()).toBe('Eerste zin.'), WAIT)

    expect((await setStatus('vastgesteld')).status).toBe(200)
    // Wies types on before her editor has heard of the freeze.
    w.editor.chain().setTextSelection(rangeOf(w, 'zin.').to).insertContent(' Niet bewaard.').run()
    await vi.waitFor(
      () =>
        expect(events).toContainEqual({ type: 'refused', reason: 'frozen', status: 'vastgesteld' }),
      WAIT,
    )
    expect(events.map((e) => e.type)).toContain('status')
    expect(await serverText()).toBe('Eerste zin.')
    // What the editor shows her: exactly the passage the server did not take.
    const fromServer = await serverState(wies.token)
    expect(unsentPassages(fromServer, Y.encodeStateAsUpdate(w.doc))).toEqual([
      { blockId: expect.any(String), text: 'Eerste zin. Niet bewaard.', removed: false },
    ])

    expect((await setStatus('consultatie')).status).toBe(200)
    // Lifting the freeze merges nothing behind anyone's back.
    expect(await serverText()).toBe('Eerste zin.')
    expect(b.text()).toBe('Eerste zin.')
    // Bram, whose socket stayed open, writes again at once; Wies' editor starts
    // again from the server's text (as the browser does) and writes too.
    b.editor.chain().focus('end').insertContent(' Bram.').run()
    w.destroy()
    const { editor: again } = await editorOf(wies)
    expect(again.text()).not.toContain('Niet bewaard')
    await vi.waitFor(() => expect(again.text()).toBe('Eerste zin. Bram.'), WAIT)
    again.editor.chain().focus('end').insertContent(' Wies.').run()
    await vi.waitFor(async () => expect(await serverText()).toBe('Eerste zin. Bram. Wies.'), WAIT)
  })

  it('[H4][C6][V4] while vastgesteld, accept and restore answer 409 frozen and change nothing; after it both work', async () => {
    server = await startServer({ anchorDelayMs: 20 })
    const wies = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const { editor: w } = await editorOf(wies)
    const version = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Leeg' },
    })
    w.editor.commands.insertContent('<p>Gemeenten nemen het voortouw.</p>')
    await vi.waitFor(
      async () => expect(await serverText()).toBe('Gemeenten nemen het voortouw.'),
      WAIT,
    )
    const amendment = await server.api<{ id: string }>(`${P1}/threads`, {
      method: 'POST',
      token: wies.token,
      body: { body: 'Sterker', quote: 'nemen', replacement: 'grijpen' },
    })
    expect(amendment.status).toBe(201)
    const accept = () =>
      server.api<{ error?: { code: string } }>(`${P1}/threads/${amendment.body.id}/accept`, {
        method: 'POST',
      })
    const restore = () =>
      server.api<{ error?: { code: string } }>(`${P1}/versions/${version.body.id}/restore`, {
        method: 'POST',
      })

    await setStatus('vastgesteld')
    for (const answer of [await accept(), await restore()]) {
      expect(answer.status).toBe(409)
      expect(answer.body.error?.code).toBe('frozen')
    }
    expect(await serverText()).toBe('Gemeenten nemen het voortouw.')
    expect(
      (await server.api<Array<{ name: string }>>(`${P1}/versions`)).body.map((v) => v.name),
    ).toEqual(['Leeg'])

    await setStatus('definitief')
    expect((await accept()).status).toBe(200)
    expect(await serverText()).toBe('Gemeenten grijpen het voortouw.')
    expect((await restore()).status).toBe(200)
    expect(await serverText()).toBe('')
  })
})
