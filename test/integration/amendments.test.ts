import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, rangeOf } from '../helpers/anchors.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { blocksOf, type DocNode, P1, saveVersion, WAIT } from '../helpers/rounds.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

interface Person {
  id: string
  name: string
  organisation: string | null
}
interface Change {
  type: 'insert' | 'delete'
  text: string
  blockId: string | null
  by: Person[]
  acceptedBy?: Person
}

const FIRST = 'Gemeenten nemen het voortouw in de grote transities.'
const SECOND = 'Regio’s verschillen sterk, ook binnen een provincie.'
const THIRD = 'De werkgroep schrijft verder.'

describe('amendments across passages (C6)', () => {
  let server: TestServer
  let writer: Invited
  let member: Invited
  let eva: Invited
  let editor: HeadlessEditor

  beforeEach(async () => {
    server = await startServer({ anchorDelayMs: 20 })
    writer = await server.invite({
      ...{ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] },
      organisation: 'Gemeente Zwolle',
    })
    member = await server.invite({
      ...{ name: 'Mila', role: 'reviewer', proposals: ['voorstel-1'] },
      organisation: 'Gemeente Maastricht',
    })
    eva = await server.invite({ name: 'Eva', role: 'editor', proposals: '*', organisation: 'VNG' })
    editor = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: writer.token,
    })
    await editor.synced()
    editor.editor.commands.insertContent(`<p>${FIRST}</p><p>${SECOND}</p><p>${THIRD}</p>`)
    await vi.waitFor(() => expect(editor.text()).toBe(`${FIRST}\n${SECOND}\n${THIRD}`), WAIT)
  })
  afterEach(async () => {
    editor.destroy()
    await server.close()
  })

  /** A member selects from `start` in one passage to `end` in the next and proposes `replacement`. */
  async function propose(start: string, end: string, replacement: string) {
    const from = rangeOf(editor, start).from
    const to = rangeOf(editor, end).to
    const quote = editor.editor.state.doc.textBetween(from, to, '\n', '\n')
    const answer = await server.api<{ id: string; quote: string }>(`${P1}/threads`, {
      method: 'POST',
      token: member.token,
      body: { body: 'Beter zo.', quote, replacement, anchor: anchorOf(editor, from, to) },
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    return answer.body
  }

  const accept = (id: string) =>
    server.api<{ applied: boolean; status: string; error?: { code: string } }>(
      `${P1}/threads/${id}/accept`,
      { method: 'POST', token: eva.token },
    )

  async function serverDoc() {
    return blocksOf((await server.api<{ doc: DocNode }>(`${P1}/content`)).body.doc)
  }

  it('[C6][V3] a two-paragraph amendment is accepted as one minimal change, credited to its proposer, "overgenomen door" the editor', async () => {
    const before = await serverDoc()
    const versionId = await saveVersion(server, 'Voor de wijziging')
    const amendment = await propose(
      'de grote transities.',
      'Regio’s verschillen',
      'de energietransitie.\nRegio’s en gemeenten verschillen',
    )
    expect(amendment.quote).toBe('de grote transities.\nRegio’s verschillen')
    const accepted = await accept(amendment.id)
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    expect(accepted.body).toMatchObject({ applied: true, status: 'resolved' })

    const expected = [
      'Gemeenten nemen het voortouw in de energietransitie.',
      'Regio’s en gemeenten verschillen sterk, ook binnen een provincie.',
      THIRD,
    ]
    await vi.waitFor(() => expect(editor.text()).toBe(expected.join('\n')), WAIT)
    // Both passages keep their ids (B1): the change is inside them, not a rebuild.
    const after = await serverDoc()
    expect(after.map((b) => [b.blockId, b.text])).toEqual(
      before.map((b, i) => [b.blockId, expected[i]]),
    )

    const diff = await server.api<{ changes: Change[] }>(
      `${P1}/versions/${versionId}/diff?against=current`,
      { token: member.token },
    )
    const mila = { id: member.person.id, name: 'Mila', organisation: 'Gemeente Maastricht' }
    const evaPerson = { id: eva.person.id, name: 'Eva', organisation: 'VNG' }
    expect(diff.body.changes.map((c) => [c.type, c.text, c.blockId, c.by, c.acceptedBy])).toEqual([
      ['delete', 'grote transities', before[0]!.blockId, [mila], evaPerson],
      ['insert', 'energietransitie', before[0]!.blockId, [mila], evaPerson],
      ['insert', 'en gemeenten ', before[1]!.blockId, [mila], evaPerson],
    ])
  })

  it('[C6][V3] what the writer typed stays the writer’s, without "overgenomen door"; the twin of the accepted change', async () => {
    const versionId = await saveVersion(server, 'Voor de wijziging')
    const amendment = await propose('transities.', 'Regio’s', 'transities van nu.\nRegio’s')
    expect((await accept(amendment.id)).status).toBe(200)
    await vi.waitFor(() => expect(editor.text()).toContain('transities van nu.'), WAIT)
    editor.editor
      .chain()
      .insertContentAt(rangeOf(editor, 'De werkgroep').to, { type: 'text', text: ' zelf' })
      .run()
    await vi.waitFor(async () => {
      const diff = await server.api<{ changes: Change[] }>(
        `${P1}/versions/${versionId}/diff?against=current`,
      )
      expect(diff.body.changes.map((c) => [c.text, c.by[0]?.name, c.acceptedBy?.name])).toEqual([
        [' van nu', 'Mila', 'Eva'],
        ['zelf ', 'Wies', undefined],
      ])
    }, WAIT)
  })

  it('[C6] fewer lines join passages, more lines add one; the passages around keep their ids', async () => {
    const before = await serverDoc()
    const versionId = await saveVersion(server, 'Voor het samenvoegen')
    const joined = await propose('grote transities.', 'Regio’s verschillen', 'grote transities, en')
    expect((await accept(joined.id)).status).toBe(200)
    await vi.waitFor(
      () =>
        expect(editor.text()).toBe(
          `Gemeenten nemen het voortouw in de grote transities, en sterk, ook binnen een provincie.\n${THIRD}`,
        ),
      WAIT,
    )
    const afterJoin = await serverDoc()
    expect(afterJoin.map((b) => b.blockId)).toEqual([before[0]!.blockId, before[2]!.blockId])
    // What the join deleted and wrote is the proposer's, taken over by the editor; the text
    // that moved into the first passage ("en sterk, …") is the same text, still the writer's.
    const diff = await server.api<{ changes: Change[] }>(
      `${P1}/versions/${versionId}/diff?against=current`,
    )
    expect(
      diff.body.changes.map((c) => [c.type, c.text, c.by[0]?.name, c.acceptedBy?.name]),
    ).toEqual([
      ['insert', ', ', 'Mila', 'Eva'],
      ['delete', 'Regio’s verschill', 'Mila', 'Eva'],
      ['delete', '.', 'Mila', 'Eva'],
    ])

    const split = await propose(
      'provincie.',
      'De werkgroep',
      'provincie.\nNieuwe alinea.\nDe werkgroep',
    )
    expect((await accept(split.id)).status).toBe(200)
    await vi.waitFor(async () => {
      const blocks = await serverDoc()
      expect(blocks.map((b) => b.text)).toEqual([
        'Gemeenten nemen het voortouw in de grote transities, en sterk, ook binnen een provincie.',
        'Nieuwe alinea.',
        THIRD,
      ])
      // The new passage gets an id of its own from the server (B1).
      expect(blocks.map((b) => b.blockId)).toEqual([
        before[0]!.blockId,
        expect.stringMatching(/^p-/),
        before[2]!.blockId,
      ])
      expect(new Set(blocks.map((b) => b.blockId)).size).toBe(3)
    }, WAIT)
  })

  it('[C6] a range holding a line break inside a passage is not split into passages: 409, nothing changes; without it the same works', async () => {
    editor.editor.commands.setContent('<p>Een twee.</p><p>Drie<br>vier.</p>')
    const lines = async () => (await server.api<{ text: string }>(`${P1}/content`)).body.text
    await vi.waitFor(async () => expect(await lines()).toBe('Een twee.\nDrie vier.'), WAIT)
    // From "twee." over the line break after "Drie" into "vier".
    const from = rangeOf(editor, 'twee.').from
    const to = rangeOf(editor, 'Drie').to + 2
    const quote = editor.editor.state.doc.textBetween(from, to, '\n', '\n')
    expect(quote).toBe('twee.\nDrie\nv')
    const withBreak = await server.api<{ id: string }>(`${P1}/threads`, {
      method: 'POST',
      token: member.token,
      body: {
        body: 'Anders.',
        quote,
        replacement: 'twee\nen drie\nv',
        anchor: anchorOf(editor, from, to),
      },
    })
    expect(withBreak.status).toBe(201)
    const refused = await accept(withBreak.body.id)
    expect(refused.status).toBe(409)
    expect(refused.body.error?.code).toBe('conflict')
    expect(await lines()).toBe('Een twee.\nDrie vier.')
    const clean = await propose('twee.', 'Drie', 'twee.\nVijf')
    expect((await accept(clean.id)).status).toBe(200)
    await vi.waitFor(async () => expect(await lines()).toBe('Een twee.\nVijf vier.'), WAIT)
  })
})
