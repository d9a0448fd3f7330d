import { afterEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { anchorOf, rangeOf, textAt } from '../helpers/anchors.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import {
  type HeadlessEditor,
  startHeadlessEditor,
  waitForConvergence,
} from '../helpers/headlessEditor.ts'
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
  createdBy: Person
}
interface Content {
  doc: { content: Array<{ attrs?: { blockId?: string } }> }
  text: string
}
interface Thread {
  id: string
  quote: string
  anchored: boolean
  anchor: { from: unknown; to: unknown }
}

const P1 = '/api/proposals/voorstel-1'
const WAIT = { timeout: 10_000, interval: 50 }
const BEFORE = 'Eerste alinea van Anna.\nTweede alinea.\nDerde, van Bram.'

let server: TestServer
const editors: HeadlessEditor[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

async function editorOf(person: Invited): Promise<HeadlessEditor> {
  const editor = startHeadlessEditor({
    wsUrl: server.wsUrl,
    proposalId: 'voorstel-1',
    token: person.token,
    name: person.person.name,
  })
  editors.push(editor)
  await editor.synced()
  return editor
}

async function serverHas(text: string): Promise<Content> {
  let content: Content | null = null
  await vi.waitFor(async () => {
    content = (await server.api<Content>(`${P1}/content`)).body
    expect(content.text).toBe(text)
  }, WAIT)
  return content!
}

async function save(name: string, token = server.adminToken): Promise<Version> {
  const answer = await server.api<Version>(`${P1}/versions`, {
    method: 'POST',
    token,
    body: { name },
  })
  expect(answer.status).toBe(201)
  return answer.body
}

const blockIds = (content: Content) => content.doc.content.map((n) => n.attrs?.blockId)

/** The Yjs ids of the top-level blocks of the server's own document: the same items, or not. */
function itemIds(): string[] {
  const room = server.server.services.rooms.peek('voorstel-1')
  if (!room) throw new Error('voorstel-1 is not loaded')
  return room.fragment.toArray().map((block) => {
    const id = (block as Y.XmlElement)._item!.id
    return `${id.client}:${id.clock}`
  })
}

/** Writes the three passages: two by Anna, the last by Bram. */
async function writeThreePassages() {
  const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
  const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
  const a = await editorOf(anna)
  const b = await editorOf(bram)
  a.editor.commands.insertContent('<p>Eerste alinea van Anna.</p><p>Tweede alinea.</p>')
  await vi.waitFor(() => expect(b.text()).toBe('Eerste alinea van Anna.\nTweede alinea.'), WAIT)
  b.editor.chain().focus('end').splitBlock().insertContent('Derde, van Bram.').run()
  await serverHas(BEFORE)
  await vi.waitFor(() => expect(a.text()).toBe(BEFORE), WAIT)
  return { anna, bram, a, b }
}

describe('restoring a version', () => {
  it('[V4][V3][C3][B1] the old text returns as one minimal change: untouched passages keep their items, ids, anchors and authors', async () => {
    server = await startServer({ anchorDelayMs: 20 })
    const empty = await save('Leeg')
    const { anna, bram, a, b } = await writeThreePassages()
    const onBram = rangeOf(a, 'van Bram')
    const thread = await server.api<Thread>(`${P1}/threads`, {
      method: 'POST',
      token: anna.token,
      body: { body: 'Mooi gezegd', quote: 'van Bram', anchor: anchorOf(a, onBram.from, onBram.to) },
    })
    expect(thread.status).toBe(201)
    const v1 = await save('Eerste versie')
    const saved = await serverHas(BEFORE)
    const itemsBefore = itemIds()

    // After the version: a passage in the middle, and a change inside Anna's second one.
    a.editor
      .chain()
      .setTextSelection(rangeOf(a, 'Anna.').to)
      .splitBlock()
      .insertContent('Tussenvoegsel.')
      .run()
    const word = rangeOf(a, 'alinea.')
    a.editor.chain().setTextSelection(word.from).insertContent('gewijzigde ').run()
    const changed =
      'Eerste alinea van Anna.\nTussenvoegsel.\nTweede gewijzigde alinea.\nDerde, van Bram.'
    await serverHas(changed)

    const restore = await server.api<{ restoredFrom: Version; safetyVersion: Version }>(
      `${P1}/versions/${v1.id}/restore`,
      { method: 'POST' },
    )
    expect(restore.status).toBe(200)
    expect(restore.body.restoredFrom).toMatchObject({ id: v1.id, name: 'Eerste versie' })
    expect(restore.body.safetyVersion).toMatchObject({
      name: 'Voor herstel van Eerste versie',
      auto: false,
    })

    // Every open editor receives it; the server's text is the version's, ids and all.
    const restored = await serverHas(BEFORE)
    await waitForConvergence([a, b], { check: () => (a.text() === BEFORE ? null : a.text()) })
    expect(blockIds(restored)).toEqual(blockIds(saved))
    expect(itemIds()).toEqual(itemsBefore)
    // The safety version holds the text as it was just before.
    const safety = await server.api<{ text: string }>(
      `${P1}/versions/${restore.body.safetyVersion.id}`,
    )
    expect(safety.body.text).toBe(changed)

    // The thread on Bram's passage still sits on its text.
    const after = await server.api<Thread>(`${P1}/threads/${thread.body.id}`)
    expect(after.body).toMatchObject({ anchored: true, quote: 'van Bram' })
    expect(textAt(a, after.body.anchor)).toBe('van Bram')

    // Authors are those who wrote the text, not the editor who restored it (V3 by identity).
    const person = (p: Invited) => ({ id: p.person.id, name: p.person.name, organisation: null })
    const diff = await server.api<{ changes: Array<{ type: string; text: string; by: Person[] }> }>(
      `${P1}/versions/${empty.id}/diff?against=current`,
    )
    expect(diff.body.changes).toEqual([
      expect.objectContaining({
        type: 'insert',
        text: 'Eerste alinea van Anna.',
        by: [person(anna)],
      }),
      expect.objectContaining({ type: 'insert', text: 'Tweede alinea.', by: [person(anna)] }),
      expect.objectContaining({ type: 'insert', text: 'Derde, van Bram.', by: [person(bram)] }),
    ])
    // And the restore itself is credited to the editor, as the removal of what came after.
    const since = await server.api<{
      changes: Array<{ type: string; text: string; by: Person[] }>
    }>(`${P1}/versions/${restore.body.safetyVersion.id}/diff?against=current`)
    expect(since.body.changes.map((c) => [c.type, c.text, c.by[0]?.id])).toEqual([
      ['delete', 'Tussenvoegsel.', 'beheerder'],
      ['delete', 'gewijzigde ', 'beheerder'],
    ])
    const activity = await server.api<Array<{ type: string; details: Record<string, unknown> }>>(
      `${P1}/activity?limit=5`,
    )
    expect(activity.body.find((e) => e.type === 'version.restored')?.details).toMatchObject({
      versionId: v1.id,
      safetyVersionId: restore.body.safetyVersion.id,
    })
  })

  it('[V4][E1] open editors hear who restored which version, besides receiving the text', async () => {
    server = await startServer()
    const v1 = await save('Leeg begin')
    const rik = await server.invite({ name: 'Rik', role: 'reviewer', proposals: ['voorstel-1'] })
    const reader = connectClient(server.wsUrl, 'voorstel-1', rik.token, { events: true })
    clients.push(reader)
    await reader.synced()
    await writeThreePassages()
    const restore = await server.api(`${P1}/versions/${v1.id}/restore`, { method: 'POST' })
    expect(restore.status).toBe(200)
    await vi.waitFor(() => expect(reader.events.map((e) => e.type)).toContain('restored'), WAIT)
    expect(reader.events.find((e) => e.type === 'restored')).toMatchObject({
      restoredFrom: { id: v1.id },
      by: { id: 'beheerder' },
    })
    await vi.waitFor(
      () => expect(reader.doc.getXmlFragment('default').toString()).not.toContain('Anna'),
      WAIT,
    )
    await serverHas('')
  })

  it('[V4][A2] only editors restore; checks run in the contract order; an unknown version is 404', async () => {
    server = await startServer()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const v1 = await save('Eerste')
    const path = `${P1}/versions/${v1.id}/restore`
    expect((await server.api(path, { method: 'POST', token: null })).status).toBe(401)
    expect((await server.api(`${P1}/versions/Kapot_Id/restore`, { method: 'POST' })).status).toBe(
      400,
    )
    expect((await server.api(path, { method: 'POST', token: anna.token })).status).toBe(403)
    expect(
      (await server.api(path.replace('voorstel-1', 'bestaat-niet'), { method: 'POST' })).status,
    ).toBe(404)
    expect((await server.api(`${P1}/versions/v-onbekend/restore`, { method: 'POST' })).status).toBe(
      404,
    )
    // Nothing was saved by the refusals; the editor's restore saves its safety version.
    expect((await server.api<Version[]>(`${P1}/versions`)).body.map((v) => v.name)).toEqual([
      'Eerste',
    ])
    expect((await server.api(path, { method: 'POST' })).status).toBe(200)
    expect((await server.api<Version[]>(`${P1}/versions`)).body.map((v) => v.name)).toEqual([
      'Voor herstel van Eerste',
      'Eerste',
    ])
  })
})
