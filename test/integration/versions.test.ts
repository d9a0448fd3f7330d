import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

interface Person {
  id: string
  name: string
  organisation: string | null
}
interface Version {
  id: string
  name: string
  auto: boolean
  createdAt: string
  createdBy: Person
}
interface Change {
  type: 'insert' | 'delete'
  text: string
  blockId: string | null
  by: Person[]
}
interface Diff {
  changes: Change[]
  inserted: number
  deleted: number
  blocks: Array<Record<string, unknown>>
}
interface Content {
  doc: unknown
  text: string
}

const P1 = '/api/proposals/voorstel-1'
/** Polling limits: generous, for a loaded machine; nothing here measures time. */
const WAIT = { timeout: 10_000, interval: 50 }

let server: TestServer
const editors: HeadlessEditor[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

async function writer(name: string, organisation = 'Gemeente Zwolle'): Promise<Invited> {
  return server.invite({ name, role: 'writer', proposals: ['voorstel-1'], organisation })
}

/** A headless Tiptap editor of `person` on voorstel-1, synced; `name` is what it claims to be. */
async function editorOf(
  person: Invited,
  proposalId = 'voorstel-1',
  name = person.person.name,
): Promise<HeadlessEditor> {
  const editor = startHeadlessEditor({ wsUrl: server.wsUrl, proposalId, token: person.token, name })
  editors.push(editor)
  await editor.synced()
  return editor
}

/** Waits until the server's text is `text` (edits are on the server, not only in editors). */
async function serverHas(text: string, path = P1): Promise<Content> {
  let content: Content | null = null
  await vi.waitFor(async () => {
    content = (await server.api<Content>(`${path}/content`)).body
    expect(content.text).toBe(text)
  }, WAIT)
  return content!
}

async function save(token: string, name: string): Promise<Version> {
  const answer = await server.api<Version>(`${P1}/versions`, {
    method: 'POST',
    token,
    body: { name },
  })
  expect(answer.status).toBe(201)
  return answer.body
}

const diff = async (from: string, against: string) => {
  const answer = await server.api<Diff>(`${P1}/versions/${from}/diff?against=${against}`)
  expect(answer.status).toBe(200)
  return answer.body
}

/** Types `text` at the start of `word`'s first occurrence, or deletes that word (and a space). */
function typeBefore(on: HeadlessEditor, word: string, text: string): void {
  const at = positionOf(on, word)
  on.editor.chain().setTextSelection(at).insertContent({ type: 'text', text }).run()
}
function deleteWord(on: HeadlessEditor, word: string): void {
  const at = positionOf(on, word)
  on.editor
    .chain()
    .deleteRange({ from: at, to: at + word.length })
    .run()
}
function positionOf(on: HeadlessEditor, text: string): number {
  let found = -1
  on.editor.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isTextblock) return found < 0
    const at = node.textContent.indexOf(text)
    if (at >= 0) found = pos + 1 + at
    return false
  })
  if (found < 0) throw new Error(`"${text}" is not in ${on.name}'s text`)
  return found
}

const person = (invited: Invited) => ({
  id: invited.person.id,
  name: invited.person.name,
  organisation: invited.person.organisation,
})

describe('named versions', () => {
  it('[V1][A2] writers and editors save named versions, newest first; a reviewer cannot', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const rik = await server.invite({ name: 'Rik', role: 'reviewer', proposals: ['voorstel-1'] })
    const refused = await server.api(`${P1}/versions`, {
      method: 'POST',
      token: rik.token,
      body: { name: 'Van een lid' },
    })
    expect(refused.status).toBe(403)
    expect((await server.api<Version[]>(`${P1}/versions`, { token: rik.token })).body).toEqual([])

    const first = await save(anna.token, '  Consultatieversie 1 ')
    expect(first).toEqual({
      id: expect.stringMatching(/^v-/),
      name: 'Consultatieversie 1',
      auto: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      createdBy: person(anna),
    })
    const second = await save(server.adminToken, 'Na de regio-avonden')
    const list = await server.api<Version[]>(`${P1}/versions`, { token: rik.token })
    expect(list.status).toBe(200)
    expect(list.body.map((v) => v.id)).toEqual([second.id, first.id])
    expect(list.body[1]).toEqual(first)
    // A2: a reviewer reads versions and comparisons.
    const read = await server.api(`${P1}/versions/${first.id}`, { token: rik.token })
    expect(read.status).toBe(200)
    const compared = await server.api(`${P1}/versions/${first.id}/diff?against=${second.id}`, {
      token: rik.token,
    })
    expect(compared.status).toBe(200)
  })

  it('[V1][H4] once a proposal is vastgesteld, writers are treated as reviewers; editors still save', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const frozen = await server.api(P1, { method: 'PATCH', body: { status: 'vastgesteld' } })
    expect(frozen.status).toBe(200)
    const refused = await server.api(`${P1}/versions`, {
      method: 'POST',
      token: anna.token,
      body: { name: 'Na vaststelling' },
    })
    expect(refused.status).toBe(403)
    expect((await server.api<Version[]>(`${P1}/versions`)).body).toEqual([])
    const byEditor = await save(server.adminToken, 'Vastgestelde versie')
    expect(byEditor.name).toBe('Vastgestelde versie')
    await server.api(P1, { method: 'PATCH', body: { status: 'definitief' } })
    expect((await save(anna.token, 'Weer open')).name).toBe('Weer open')
  })

  it('[V1] a name has 1 to 200 characters (422 names the field)', async () => {
    server = await startServer()
    for (const name of ['', '   ', 'x'.repeat(201), 42]) {
      const answer = await server.api<{ error: { code: string; details: { field: string } } }>(
        `${P1}/versions`,
        { method: 'POST', body: { name } },
      )
      expect(answer.status).toBe(422)
      expect(answer.body.error).toMatchObject({
        code: 'validation_failed',
        details: { field: 'name' },
      })
    }
    expect(
      (await server.api(`${P1}/versions`, { method: 'POST', body: { name: 'x'.repeat(200) } }))
        .status,
    ).toBe(201)
    expect((await server.api(`${P1}/versions`, { method: 'POST', raw: '{kapot' })).status).toBe(400)
  })

  it('[V1][V2][V3] checks run in the contract order: 401, 400, 403, 404', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const version = await save(anna.token, 'Eerste')
    const paths = [
      `${P1}/versions`,
      `${P1}/versions/${version.id}`,
      `${P1}/versions/${version.id}/diff?against=current`,
    ]
    for (const path of paths) {
      expect((await server.api(path, { token: null })).status).toBe(401)
      expect((await server.api(path, { token: 'onbekend' })).status).toBe(401)
      expect((await server.api(path.replace('voorstel-1', 'Kapot_Id'))).status).toBe(400)
      expect(
        (await server.api(path.replace('voorstel-1', 'voorstel-2'), { token: anna.token })).status,
      ).toBe(403)
      expect((await server.api(path.replace('voorstel-1', 'bestaat-niet'))).status).toBe(404)
      expect((await server.api(path, { token: anna.token })).status).toBe(200)
    }
    const bad = await server.api(`${P1}/versions/Kapot_Id`, { token: null })
    expect(bad.status).toBe(401)
    expect((await server.api(`${P1}/versions/Kapot_Id`)).status).toBe(400)
    expect((await server.api(`${P1}/versions/v-onbekend`)).status).toBe(404)
    expect((await server.api(`${P1}/versions/v-onbekend/diff?against=current`)).status).toBe(404)
    expect((await server.api(`${P1}/versions/${version.id}/diff?against=v-onbekend`)).status).toBe(
      404,
    )
    expect((await server.api(`${P1}/versions/${version.id}/diff?against=Kapot_Id`)).status).toBe(
      400,
    )
  })

  it('[V2] a version read back is exactly the text as saved, also after a restart', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const a = await editorOf(anna)
    a.editor.commands.insertContent(
      '<h2>Omkering</h2><p>Gemeenten nemen <strong>het voortouw</strong>.</p>' +
        '<ul><li><p>Energie</p></li><li><p>Wonen</p></li></ul><blockquote><p>Samen.</p></blockquote>',
    )
    const saved = await serverHas('Omkering\nGemeenten nemen het voortouw.\nEnergie\nWonen\nSamen.')
    const version = await save(anna.token, 'Consultatieversie 1')
    deleteWord(a, 'Wonen')
    typeBefore(a, 'Samen', 'Altijd ')
    const now = await serverHas('Omkering\nGemeenten nemen het voortouw.\nEnergie\n\nAltijd Samen.')

    const read = await server.api<Version & Content>(`${P1}/versions/${version.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual({ ...version, doc: saved.doc, text: saved.text })
    expect(read.body.doc).not.toEqual(now.doc)
    for (const e of editors.splice(0)) e.destroy()
    await server.restart()
    expect((await server.api(`${P1}/versions/${version.id}`)).body).toEqual(read.body)
  })

  it('[E1] saving a version is announced to the sockets of that proposal only', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const rik = await server.invite({ name: 'Rik', role: 'reviewer', proposals: '*' })
    const here = connectClient(server.wsUrl, 'voorstel-1', rik.token, { events: true })
    const elsewhere = connectClient(server.wsUrl, 'voorstel-2', rik.token, { events: true })
    clients.push(here, elsewhere)
    await Promise.all([here.synced(), elsewhere.synced()])
    const version = await save(anna.token, 'Consultatieversie 1')
    await vi.waitFor(() => expect(here.events).toContainEqual({ type: 'version', version }))
    // The twin: a version of voorstel-2 does reach the other socket, and only that one.
    const other = await server.api<Version>('/api/proposals/voorstel-2/versions', {
      method: 'POST',
      body: { name: 'Andere' },
    })
    await vi.waitFor(() => expect(elsewhere.events.length).toBe(1))
    expect(elsewhere.events).toEqual([{ type: 'version', version: other.body }])
  })
})

describe('comparing versions', () => {
  it('[V3] names each person for their own insertions and deletions, version to version and to now', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const bram = await writer('Bram', 'Gemeente Urk')
    const a = await editorOf(anna)
    // Bram's editor claims to be Anna: the comparison goes by the server's record, not by claims.
    const b = await editorOf(bram, 'voorstel-1', 'Anna')
    a.editor.commands.insertContent(
      '<p>Gemeenten nemen het voortouw in de grote transities.</p><p>Regio’s verschillen sterk.</p>',
    )
    await serverHas(
      'Gemeenten nemen het voortouw in de grote transities.\nRegio’s verschillen sterk.',
    )
    await vi.waitFor(() => expect(b.text()).toContain('sterk'))
    const v1 = await save(anna.token, 'Eerste')

    typeBefore(b, 'voortouw', 'echte ') // Bram inserts
    deleteWord(b, 'sterk') // Bram deletes Anna's word
    await vi.waitFor(() => expect(a.text()).toContain('echte voortouw'))
    typeBefore(a, 'transities', 'energie') // Anna inserts
    deleteWord(a, 'grote ') // Anna deletes
    const now = 'Gemeenten nemen het echte voortouw in de energietransities.\nRegio’s verschillen .'
    await serverHas(now)

    const blockIds = (
      await server.api<{ doc: { content: Array<{ attrs: { blockId: string } }> } }>(`${P1}/content`)
    ).body.doc.content.map((n) => n.attrs.blockId)
    const expected: Change[] = [
      { type: 'insert', text: 'echte ', blockId: blockIds[0]!, by: [person(bram)] },
      { type: 'delete', text: 'grote ', blockId: blockIds[0]!, by: [person(anna)] },
      { type: 'insert', text: 'energie', blockId: blockIds[0]!, by: [person(anna)] },
      { type: 'delete', text: 'sterk', blockId: blockIds[1]!, by: [person(bram)] },
    ]
    const toNow = await diff(v1.id, 'current')
    expect(toNow.changes).toEqual(expected)
    expect(toNow.inserted).toBe(13)
    expect(toNow.deleted).toBe(11)

    const v2 = await save(bram.token, 'Tweede')
    expect((await diff(v1.id, v2.id)).changes).toEqual(expected)
    // The older of the two is the base, whichever is asked first.
    expect((await diff(v2.id, v1.id)).changes).toEqual(expected)
    expect((await diff(v2.id, 'current')).changes).toEqual([])
  })
})

describe('comparing long and restructured texts', () => {
  it('[V3] a one-word edit in a 15,000-word proposal is one change of one word', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const bram = await writer('Bram')
    const a = await editorOf(anna)
    const words = Array.from({ length: 15_000 }, (_, i) => `woord${i}`)
    const paragraphs = Array.from({ length: 150 }, (_, i) => words.slice(i * 100, i * 100 + 100))
    a.editor.commands.insertContent(paragraphs.map((p) => `<p>${p.join(' ')}</p>`).join(''))
    await serverHas(paragraphs.map((p) => p.join(' ')).join('\n'))
    const v1 = await save(anna.token, 'Lang')
    const b = await editorOf(bram)
    typeBefore(b, 'woord7321 ', 'ook ')
    await vi.waitFor(async () => {
      const { changes } = await diff(v1.id, 'current')
      expect(changes).toEqual([
        { type: 'insert', text: 'ook ', blockId: expect.any(String), by: [person(bram)] },
      ])
    }, WAIT)
  })

  it('[V3][B1] split, joined, removed and added blocks and a changed heading are shown as such; rebuilt text is no change', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const bram = await writer('Bram')
    const a = await editorOf(anna)
    a.editor.commands.insertContent(
      '<p>Titel</p><p>Eerste deel. Tweede deel.</p><p>Boven</p><p>Onder</p><p>Weg ermee</p>',
    )
    const before = await serverHas('Titel\nEerste deel. Tweede deel.\nBoven\nOnder\nWeg ermee')
    const ids = (before.doc as { content: Array<{ attrs: { blockId: string } }> }).content.map(
      (n) => n.attrs.blockId,
    )
    const v1 = await save(anna.token, 'Voor de herindeling')
    const b = await editorOf(bram)
    b.editor.chain().setTextSelection(positionOf(b, 'Titel')).setNode('heading', { level: 2 }).run()
    b.editor.chain().setTextSelection(positionOf(b, 'Tweede')).splitBlock().run()
    b.editor.chain().setTextSelection(positionOf(b, 'Onder')).joinBackward().run()
    const gone = positionOf(b, 'Weg ermee')
    b.editor
      .chain()
      .setTextSelection({ from: gone - 1, to: gone + 9 })
      .deleteSelection()
      .run()
    b.editor
      .chain()
      .setTextSelection(positionOf(b, 'Titel') + 5)
      .splitBlock()
      .insertContent('Nieuw')
      .run()
    const after = await serverHas('Titel\nNieuw\nEerste deel. \nTweede deel.\nBovenOnder')
    const now = (after.doc as { content: Array<{ attrs: { blockId: string } }> }).content.map(
      (n) => n.attrs.blockId,
    )

    const result = await diff(v1.id, 'current')
    expect(result.changes).toEqual([
      { type: 'insert', text: 'Nieuw', blockId: now[1], by: [person(bram)] },
      { type: 'delete', text: 'Weg ermee', blockId: ids[4], by: [person(bram)] },
    ])
    expect(result.blocks).toEqual([
      {
        type: 'type',
        blockId: ids[0],
        before: { node: 'paragraph', level: null },
        after: { node: 'heading', level: 2 },
      },
      { type: 'added', blockId: now[1] },
      { type: 'split', blockId: now[3], from: ids[1] },
      { type: 'joined', blockId: ids[3], into: ids[2] },
      { type: 'removed', blockId: ids[4] },
    ])
  })
})

describe('automatic versions', () => {
  const versionsOf = async (proposalId: string) =>
    (await server.api<Version[]>(`/api/proposals/${proposalId}/versions`)).body

  it('[V1][E1] after a quiet time following an edit, one "Automatisch opgeslagen" credited to the last writer', async () => {
    server = await startServer({ autoVersionAfterMs: 300 })
    const anna = await writer('Anna')
    const bram = await writer('Bram')
    const rik = await server.invite({ name: 'Rik', role: 'reviewer', proposals: '*' })
    const reader = connectClient(server.wsUrl, 'voorstel-1', rik.token, { events: true })
    const untouched = connectClient(server.wsUrl, 'voorstel-2', rik.token, { events: true })
    clients.push(reader, untouched)
    const a = await editorOf(anna)
    const b = await editorOf(bram)
    a.editor.commands.insertContent('<p>Eerste zin.</p>')
    await vi.waitFor(() => expect(b.text()).toBe('Eerste zin.'))
    const end = b.editor.state.doc.content.size - 1
    b.editor
      .chain()
      .setTextSelection(end)
      .insertContent({ type: 'text', text: ' Tweede zin.' })
      .run()
    const saved = await serverHas('Eerste zin. Tweede zin.')

    await vi.waitFor(async () => expect((await versionsOf('voorstel-1')).length).toBe(1), WAIT)
    const [auto] = await versionsOf('voorstel-1')
    expect(auto).toMatchObject({
      name: 'Automatisch opgeslagen',
      auto: true,
      createdBy: person(bram),
    })
    expect((await server.api<Content>(`${P1}/versions/${auto!.id}`)).body.text).toBe(saved.text)
    await vi.waitFor(() => expect(reader.events).toContainEqual({ type: 'version', version: auto }))
    // The twin: a proposal nobody changed in the same time got none.
    expect(await versionsOf('voorstel-2')).toEqual([])
    expect(untouched.events).toEqual([])
  })

  it('[V1] the first and only change after the proposal was loaded is credited to its writer', async () => {
    server = await startServer({ autoVersionAfterMs: 300 })
    const anna = await writer('Anna')
    const bram = await writer('Bram')
    const a = await editorOf(anna)
    a.editor.commands.insertContent('<p>Tekst van Anna.</p>')
    await serverHas('Tekst van Anna.')
    await vi.waitFor(async () => expect((await versionsOf('voorstel-1')).length).toBe(1), WAIT)
    for (const e of editors.splice(0)) e.destroy()
    await server.restart()
    const b = await editorOf(bram)
    typeBefore(b, 'Anna', 'en ')
    await serverHas('Tekst van en Anna.')
    await vi.waitFor(async () => expect((await versionsOf('voorstel-1')).length).toBe(2), WAIT)
    const [latest, first] = await versionsOf('voorstel-1')
    expect(first).toMatchObject({ auto: true, createdBy: person(anna) })
    expect(latest).toMatchObject({ auto: true, createdBy: person(bram) })
  })

  it('[V1] a version saved by hand takes the pending changes along: no automatic one follows', async () => {
    server = await startServer({ autoVersionAfterMs: 300 })
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: '*' })
    const a = await editorOf(anna)
    a.editor.commands.insertContent('<p>Met de hand bewaard.</p>')
    await serverHas('Met de hand bewaard.')
    await save(anna.token, 'Handmatig')
    // Voorstel-2 changed at the same moment: once its automatic version is there,
    // voorstel-1's would have been too.
    const other = await editorOf(anna, 'voorstel-2')
    other.editor.commands.insertContent('<p>Ander voorstel.</p>')
    await vi.waitFor(async () => expect((await versionsOf('voorstel-2')).length).toBe(1), WAIT)
    expect((await versionsOf('voorstel-1')).map((v) => v.name)).toEqual(['Handmatig'])
  })

  it('[V1] a pending automatic version survives the proposal leaving memory', async () => {
    server = await startServer({ autoVersionAfterMs: 1500, idleUnloadMs: 50 })
    const anna = await writer('Anna')
    const a = await editorOf(anna)
    a.editor.commands.insertContent('<p>Daarna ging iedereen weg.</p>')
    await serverHas('Daarna ging iedereen weg.')
    for (const e of editors.splice(0)) e.destroy()
    await vi.waitFor(() => expect(server.server.services.rooms.peek('voorstel-1')).toBeUndefined())
    expect(await versionsOf('voorstel-1')).toEqual([])
    await vi.waitFor(async () => expect((await versionsOf('voorstel-1')).length).toBe(1), WAIT)
    const [auto] = await versionsOf('voorstel-1')
    expect(auto).toMatchObject({ auto: true, createdBy: person(anna) })
    expect((await server.api<Content>(`${P1}/versions/${auto!.id}`)).body.text).toBe(
      'Daarna ging iedereen weg.',
    )
  })

  it('[V1] a pending automatic version is saved when the server stops', async () => {
    server = await startServer()
    const anna = await writer('Anna')
    const a = await editorOf(anna)
    a.editor.commands.insertContent('<p>Vlak voor het afsluiten.</p>')
    await serverHas('Vlak voor het afsluiten.')
    expect(await versionsOf('voorstel-1')).toEqual([])
    for (const e of editors.splice(0)) e.destroy()
    await server.restart()
    const list = await versionsOf('voorstel-1')
    expect(list).toMatchObject([{ name: 'Automatisch opgeslagen', auto: true }])
    expect((await server.api<Content>(`${P1}/versions/${list[0]!.id}`)).body.text).toBe(
      'Vlak voor het afsluiten.',
    )
  })
})
