/**
 * Suggestions made in the text (C2, C3, C6): amendments that insert at a point,
 * join or split passages, have no opening text, grow while their author types
 * on, are withdrawn, and stay on their text while writers type around them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, rangeOf } from '../helpers/anchors.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { blocksOf, type DocNode, P1, saveVersion, WAIT } from '../helpers/rounds.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

interface Thread {
  id: string
  kind: string
  status: string
  quote: string
  replacement: string
  anchored: boolean
  quoteChanged?: boolean
  anchor: { from: unknown; to: unknown }
  comments: unknown[]
  color: string | null
  createdBy: { name: string }
}
interface Change {
  type: 'insert' | 'delete'
  text: string
  by: Array<{ name: string }>
  acceptedBy?: { name: string }
}

const FIRST = 'Gemeenten nemen het voortouw in de transities.'
const SECOND = 'Regio’s verschillen sterk.'

describe('suggestions made in the text', () => {
  let server: TestServer
  let writer: Invited
  let member: Invited
  let other: Invited
  let eva: Invited
  let editor: HeadlessEditor

  beforeEach(async () => {
    server = await startServer({ anchorDelayMs: 20 })
    const proposals = ['voorstel-1']
    writer = await server.invite({ name: 'Wies', role: 'writer', proposals })
    member = await server.invite({
      ...{ name: 'Mila', role: 'reviewer', proposals },
      organisation: 'Gemeente Zwolle',
    })
    other = await server.invite({ name: 'Otto', role: 'reviewer', proposals })
    eva = await server.invite({ name: 'Eva', role: 'editor', proposals: '*', organisation: 'VNG' })
    editor = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: writer.token,
    })
    await editor.synced()
    editor.editor.commands.insertContent(`<p>${FIRST}</p><p>${SECOND}</p>`)
    await vi.waitFor(() => expect(editor.text()).toBe(`${FIRST}\n${SECOND}`), WAIT)
  })
  afterEach(async () => {
    editor.destroy()
    await server.close()
  })

  const suggest = (token: string, body: Record<string, unknown>) =>
    server.api<Thread & { error?: { code: string } }>(`${P1}/threads`, {
      method: 'POST',
      token,
      body,
    })
  const accept = (id: string) =>
    server.api<Thread & { error?: { code: string } }>(`${P1}/threads/${id}/accept`, {
      method: 'POST',
      token: eva.token,
    })
  const thread = async (id: string) =>
    (await server.api<Thread>(`${P1}/threads/${id}`, { token: eva.token })).body
  /** A point right after `text` in the writer's editor, as the editor sends it. */
  const pointAfter = (text: string) => {
    const at = rangeOf(editor, text).to
    return anchorOf(editor, at, at)
  }
  const serverDoc = async () =>
    blocksOf((await server.api<{ doc: DocNode }>(`${P1}/content`)).body.doc)

  it('[C2][C6][V3] an insertion has an empty quote and a point; accepted, it lands there, credited to the member', async () => {
    const versionId = await saveVersion(server, 'Voor het voorstel')
    const made = await suggest(member.token, {
      quote: '',
      anchor: pointAfter('in de'),
      replacement: ' grote',
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({ kind: 'amendment', quote: '', anchored: true, comments: [] })
    expect(made.body.color).toMatch(/^#[0-9a-f]{6}$/i)
    // A writer types before the place and in the next passage: the point stays after "in de".
    editor.editor.chain().insertContentAt(rangeOf(editor, 'nemen').from, 'Alle ').run()
    editor.editor.chain().insertContentAt(rangeOf(editor, 'sterk').to, ' en zichtbaar').run()
    await vi.waitFor(async () => {
      expect((await serverDoc()).map((b) => b.text)).toEqual([
        'Gemeenten Alle nemen het voortouw in de transities.',
        'Regio’s verschillen sterk en zichtbaar.',
      ])
    }, WAIT)
    const accepted = await accept(made.body.id)
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    await vi.waitFor(
      () =>
        expect(editor.text()).toBe(
          'Gemeenten Alle nemen het voortouw in de grote transities.\nRegio’s verschillen sterk en zichtbaar.',
        ),
      WAIT,
    )
    const diff = await server.api<{ changes: Change[] }>(
      `${P1}/versions/${versionId}/diff?against=current`,
    )
    expect(
      diff.body.changes.map((c) => [c.type, c.text, c.by[0]?.name, c.acceptedBy?.name]),
    ).toEqual([
      ['insert', 'Alle ', 'Wies', undefined],
      ['insert', ' grote', 'Mila', 'Eva'],
      ['insert', ' en zichtbaar', 'Wies', undefined],
    ])
  })

  it('[C2] a comment needs its opening text and a quote; a suggestion needs neither, but must change something', async () => {
    const anchor = pointAfter('in de')
    const cases: Array<[Record<string, unknown>, number, string?]> = [
      [{ quote: 'voortouw' }, 422, 'validation_failed'],
      [{ quote: '', anchor, body: 'Waarom?' }, 422, 'validation_failed'],
      [{ quote: '', anchor, replacement: '' }, 422, 'validation_failed'],
      [{ quote: 'voortouw', replacement: 'voortouw' }, 422, 'validation_failed'],
      [{ quote: '', replacement: ' grote' }, 422, 'validation_failed'],
      [{ quote: 'voortouw', replacement: 'leiding' }, 201],
      [{ quote: 'voortouw', body: 'Mooi.' }, 201],
      [{ quote: '', anchor, replacement: ' grote', body: 'Omdat het zo is.' }, 201],
    ]
    for (const [body, status, code] of cases) {
      const answer = await suggest(member.token, body)
      expect([answer.status, answer.body.error?.code], JSON.stringify(body)).toEqual([status, code])
    }
    const threads = (await server.api<Thread[]>(`${P1}/threads`, { token: member.token })).body
    expect(threads.map((t) => [t.kind, t.quote, t.comments.length])).toEqual([
      ['amendment', 'voortouw', 0],
      ['comment', 'voortouw', 1],
      ['amendment', '', 1],
    ])
  })

  it('[C6] a suggestion joins two passages (its quote is the break between them) and one splits a passage; the first part keeps the id', async () => {
    const before = await serverDoc()
    const end = rangeOf(editor, 'transities.').to
    const join = await suggest(member.token, {
      quote: '\n',
      anchor: anchorOf(editor, end, end + 2),
      replacement: '',
    })
    expect(join.status, JSON.stringify(join.body)).toBe(201)
    expect(join.body).toMatchObject({ quote: '\n', anchored: true })
    const split = await suggest(other.token, {
      quote: '',
      anchor: pointAfter('Regio’s verschillen'),
      replacement: '\nNieuwe alinea:',
    })
    expect(split.status, JSON.stringify(split.body)).toBe(201)

    expect((await accept(split.body.id)).status).toBe(200)
    await vi.waitFor(async () => {
      const blocks = await serverDoc()
      expect(blocks.map((b) => b.text)).toEqual([
        FIRST,
        'Regio’s verschillen',
        'Nieuwe alinea: sterk.',
      ])
      expect(blocks[1]!.blockId).toBe(before[1]!.blockId)
      expect(blocks[2]!.blockId).toMatch(/^p-/)
      expect(new Set(blocks.map((b) => b.blockId)).size).toBe(3)
    }, WAIT)
    expect((await accept(join.body.id)).status).toBe(200)
    await vi.waitFor(async () => {
      const blocks = await serverDoc()
      expect(blocks.map((b) => b.text)).toEqual([
        `${FIRST}Regio’s verschillen`,
        'Nieuwe alinea: sterk.',
      ])
      expect(blocks[0]!.blockId).toBe(before[0]!.blockId)
    }, WAIT)
  })

  it('[C3] a suggestion whose text someone else changes keeps its quote and says so; accepting is 409 until its author revises it', async () => {
    const range = rangeOf(editor, 'het voortouw')
    const made = await suggest(member.token, {
      quote: 'het voortouw',
      anchor: anchorOf(editor, range.from, range.to),
      replacement: 'de leiding',
    })
    expect(made.status).toBe(201)
    expect(made.body.quoteChanged).toBeUndefined()
    editor.editor.chain().insertContentAt(rangeOf(editor, 'het').to, ' echte').run()
    await vi.waitFor(
      async () =>
        expect(await thread(made.body.id)).toMatchObject({
          quoteChanged: true,
          anchored: true,
          quote: 'het voortouw',
        }),
      WAIT,
    )
    const refused = await accept(made.body.id)
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'quote_changed'])
    expect(editor.text().split('\n')[0]).toBe(
      'Gemeenten nemen het echte voortouw in de transities.',
    )

    const now = rangeOf(editor, 'het echte voortouw')
    const revised = await server.api<Thread>(`${P1}/threads/${made.body.id}`, {
      method: 'PATCH',
      token: member.token,
      body: {
        quote: 'het echte voortouw',
        anchor: anchorOf(editor, now.from, now.to),
        replacement: 'de leiding',
      },
    })
    expect(revised.status, JSON.stringify(revised.body)).toBe(200)
    expect(revised.body.quoteChanged).toBeUndefined()
    expect((await accept(made.body.id)).status).toBe(200)
    await vi.waitFor(
      () =>
        expect(editor.text().split('\n')[0]).toBe('Gemeenten nemen de leiding in de transities.'),
      WAIT,
    )
  })

  it('[C2] its author grows a suggestion (quote, anchor and replacement); nobody else may, and a new quote needs its anchor', async () => {
    const made = await suggest(member.token, {
      quote: '',
      anchor: pointAfter('in de'),
      replacement: ' gro',
    })
    const path = `${P1}/threads/${made.body.id}`
    const typedOn = await server.api<Thread>(path, {
      method: 'PATCH',
      token: member.token,
      body: { replacement: ' grote' },
    })
    expect(typedOn.status).toBe(200)
    expect(typedOn.body).toMatchObject({ quote: '', replacement: ' grote' })
    // Deleting on after the insertion: the suggestion now replaces " transities".
    const range = rangeOf(editor, ' transities')
    const grown = {
      quote: ' transities',
      anchor: anchorOf(editor, range.from, range.to),
      replacement: ' grote opgaven',
    }
    const byOther = await server.api<Thread & { error: { code: string } }>(path, {
      method: 'PATCH',
      token: other.token,
      body: grown,
    })
    expect([byOther.status, byOther.body.error.code]).toEqual([403, 'forbidden'])
    const withoutAnchor = await server.api<Thread & { error: { code: string } }>(path, {
      method: 'PATCH',
      token: member.token,
      body: { quote: grown.quote, replacement: grown.replacement },
    })
    expect([withoutAnchor.status, withoutAnchor.body.error.code]).toEqual([
      422,
      'validation_failed',
    ])
    const answer = await server.api<Thread>(path, {
      method: 'PATCH',
      token: member.token,
      body: grown,
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({
      quote: ' transities',
      replacement: ' grote opgaven',
      anchored: true,
    })
    expect((await accept(made.body.id)).status).toBe(200)
    await vi.waitFor(
      () =>
        expect(editor.text().split('\n')[0]).toBe(
          'Gemeenten nemen het voortouw in de grote opgaven.',
        ),
      WAIT,
    )
  })

  it('[C7] its author withdraws a suggestion: it is gone for everyone; once someone else replied it stays', async () => {
    const watcher: TestClient = connectClient(server.wsUrl, 'voorstel-1', eva.token, {
      events: true,
    })
    await watcher.synced()
    try {
      const made = await suggest(member.token, {
        quote: '',
        anchor: pointAfter('in de'),
        replacement: ' grote',
      })
      const path = `${P1}/threads/${made.body.id}`
      const byOther = await server.api<{ error: { code: string } }>(path, {
        method: 'DELETE',
        token: other.token,
      })
      expect([byOther.status, byOther.body.error.code]).toEqual([403, 'forbidden'])
      const withdrawn = await server.api(path, { method: 'DELETE', token: member.token })
      expect(withdrawn.status).toBe(200)
      expect((await server.api(path, { token: eva.token })).status).toBe(404)
      await vi.waitFor(
        () =>
          expect(
            watcher.events.some(
              (e) =>
                e.type === 'threads' && (e.removed as string[] | undefined)?.includes(made.body.id),
            ),
          ).toBe(true),
        WAIT,
      )

      const answered = await suggest(member.token, { quote: 'voortouw', replacement: 'leiding' })
      const answeredPath = `${P1}/threads/${answered.body.id}`
      await server.api(`${answeredPath}/comments`, {
        method: 'POST',
        token: eva.token,
        body: { body: 'Waarom?' },
      })
      const kept = await server.api<{ error: { code: string } }>(answeredPath, {
        method: 'DELETE',
        token: member.token,
      })
      expect([kept.status, kept.body.error.code]).toEqual([409, 'conflict'])
      expect((await server.api(answeredPath, { token: eva.token })).status).toBe(200)
    } finally {
      watcher.destroy()
    }
  })

  it('[C3] a suggestion survives a restore of another passage and a restart of the server', async () => {
    const versionId = await saveVersion(server, 'Voor de wijziging')
    const range = rangeOf(editor, 'sterk')
    const made = await suggest(member.token, {
      quote: 'sterk',
      anchor: anchorOf(editor, range.from, range.to),
      replacement: 'flink',
    })
    editor.editor.chain().insertContentAt(rangeOf(editor, 'transities').from, 'grote ').run()
    await vi.waitFor(async () => expect((await serverDoc())[0]!.text).toContain('grote'), WAIT)
    const restored = await server.api(`${P1}/versions/${versionId}/restore`, {
      method: 'POST',
      token: eva.token,
    })
    expect(restored.status).toBe(200)
    await vi.waitFor(() => expect(editor.text()).toBe(`${FIRST}\n${SECOND}`), WAIT)
    editor.destroy()
    await server.restart()
    expect(await thread(made.body.id)).toMatchObject({
      quote: 'sterk',
      anchored: true,
      status: 'open',
    })
    expect((await accept(made.body.id)).status).toBe(200)
    await vi.waitFor(
      async () => expect((await serverDoc())[1]!.text).toBe('Regio’s verschillen flink.'),
      WAIT,
    )
  })
})
