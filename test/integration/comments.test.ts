import { yUndoPluginKey } from '@tiptap/y-tiptap'
import * as decoding from 'lib0/decoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, rangeOf, textAt } from '../helpers/anchors.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

interface Thread {
  id: string
  kind: string
  status: string
  quote: string
  anchored: boolean
  anchor: { from: unknown; to: unknown }
  blockId: string | null
  replacement?: string
  decision?: string
  createdBy: { id: string; name: string; organisation: string | null }
  comments: Array<{
    id: string
    body: string
    author: { id: string; organisation: string | null }
    hidden?: boolean
    deleted?: boolean
  }>
}

const TEXT = 'Gemeenten nemen het voortouw in de grote transities van deze tijd.'

describe('comments and amendments', () => {
  let server: TestServer
  let writer: Invited
  let reviewer: Invited
  let editorPerson: Invited
  let a: HeadlessEditor
  let b: HeadlessEditor
  const editors: HeadlessEditor[] = []

  beforeEach(async () => {
    server = await startServer({ anchorDelayMs: 20 })
    writer = await server.invite({
      name: 'Wies',
      role: 'writer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
    })
    reviewer = await server.invite({
      name: 'Rik',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Urk',
    })
    editorPerson = await server.invite({
      name: 'Eva',
      role: 'editor',
      proposals: '*',
      organisation: 'VNG',
    })
    a = startHeadlessEditor({ wsUrl: server.wsUrl, proposalId: 'voorstel-1', token: writer.token })
    b = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: writer.token,
      events: true,
    })
    editors.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    a.editor.commands.insertContent(`<p>${TEXT}</p><p>Tweede alinea over de omkering.</p>`)
    await vi.waitFor(() => expect(b.text()).toBe(`${TEXT}\nTweede alinea over de omkering.`))
  })
  afterEach(async () => {
    for (const e of editors.splice(0)) e.destroy()
    await server.close()
  })

  const api = <T = Thread>(
    path: string,
    token: string,
    init: { method?: string; body?: unknown } = {},
  ) => server.api<T>(`/api/proposals/voorstel-1${path}`, { token, ...init })

  async function comment(
    token: string,
    quote: string,
    extra: Record<string, unknown> = {},
    on = a,
  ) {
    const range = rangeOf(on, quote)
    const answer = await api('/threads', token, {
      method: 'POST',
      body: {
        body: `Over "${quote}"`,
        quote,
        anchor: anchorOf(on, range.from, range.to),
        ...extra,
      },
    })
    expect(answer.status).toBe(201)
    return answer.body
  }

  const thread = async (id: string) => (await api(`/threads/${id}`, editorPerson.token)).body

  /** Waits until the server has settled the anchor and the editor shows `expected` under it. */
  async function expectAnchoredText(id: string, expected: string | null, on = b) {
    await vi.waitFor(async () => {
      const current = await thread(id)
      expect(current.anchored).toBe(expected !== null)
      if (expected !== null) expect(textAt(on, current.anchor)).toBe(expected)
    })
  }

  it('[C1][C2][C3] a reviewer comments on a selection; the thread shows quote, passage and organisation', async () => {
    const created = await comment(reviewer.token, 'het voortouw')
    expect(created).toMatchObject({
      kind: 'comment',
      status: 'open',
      quote: 'het voortouw',
      anchored: true,
      createdBy: { id: reviewer.person.id, name: 'Rik', organisation: 'Gemeente Urk' },
    })
    expect(created.blockId).toMatch(/^p-/)
    expect(created.comments).toEqual([
      expect.objectContaining({
        body: 'Over "het voortouw"',
        author: expect.objectContaining({ organisation: 'Gemeente Urk' }),
      }),
    ])
    expect(textAt(b, created.anchor)).toBe('het voortouw')
    const all = await api<Thread[]>('/threads', writer.token)
    expect(all.body.map((t) => t.id)).toEqual([created.id])
    expect((await api<Thread[]>('/threads?status=resolved', writer.token)).body).toEqual([])
    expect((await api<Thread[]>('/threads?status=open', writer.token)).body.length).toBe(1)
    expect((await api('/threads?status=kapot', writer.token)).status).toBe(422)
  })

  it('[C2] without an anchor the first occurrence of the quote; none is 422 quote_not_found; unknown text is 409', async () => {
    const byQuote = await api('/threads', reviewer.token, {
      method: 'POST',
      body: { body: 'Welke?', quote: 'de omkering' },
    })
    expect(byQuote.status).toBe(201)
    expect(textAt(b, byQuote.body.anchor)).toBe('de omkering')
    const missing = await api<{ error: { code: string } }>('/threads', reviewer.token, {
      method: 'POST',
      body: { body: 'Hm', quote: 'staat er niet' },
    })
    expect(missing.status).toBe(422)
    expect(missing.body.error.code).toBe('quote_not_found')
    // Text typed while offline is not on the server yet.
    a.disconnect()
    a.editor.chain().setTextSelection(1).insertContent('Nieuw begin. ').run()
    const range = rangeOf(a, 'Nieuw begin.')
    const unknown = await api<{ error: { code: string } }>('/threads', reviewer.token, {
      method: 'POST',
      body: { body: 'Nog niet', quote: 'Nieuw begin.', anchor: anchorOf(a, range.from, range.to) },
    })
    expect(unknown.status).toBe(409)
    expect(unknown.body.error.code).toBe('anchor_unknown')
    a.connect()
  })

  it('[C3] an anchor follows its text through concurrent edits inside and around it', async () => {
    const created = await comment(reviewer.token, 'het voortouw in de grote')
    const type = (on: HeadlessEditor, at: number, text: string) =>
      on.editor.chain().setTextSelection(at).insertContent({ type: 'text', text }).run()
    type(a, rangeOf(a, 'voortouw').from, 'echte ')
    type(b, 1, 'Vandaag: ')
    type(b, rangeOf(b, 'grote').from, 'snelle ')
    type(a, rangeOf(a, 'tijd').to, ' en later')
    await vi.waitFor(() =>
      expect(b.text().split('\n')[0]).toBe(
        'Vandaag: Gemeenten nemen het echte voortouw in de snelle grote transities van deze tijd en later.',
      ),
    )
    await expectAnchoredText(created.id, 'het echte voortouw in de snelle grote')
  })

  it('[C3] an anchor survives a heading, a join, a list, and clear formatting', async () => {
    const created = await comment(reviewer.token, 'over de omkering')
    const other = await comment(reviewer.token, 'voortouw')
    a.editor
      .chain()
      .setTextSelection(rangeOf(a, 'omkering').from)
      .setNode('heading', { level: 2 })
      .run()
    await expectAnchoredText(created.id, 'over de omkering')
    const start = rangeOf(a, 'Tweede').from
    a.editor.chain().setTextSelection(start).joinBackward().run()
    await vi.waitFor(() => expect(b.text()).toBe(`${TEXT}Tweede alinea over de omkering.`))
    await expectAnchoredText(created.id, 'over de omkering')
    a.editor.chain().setTextSelection(rangeOf(a, 'omkering').from).toggleBulletList().run()
    await vi.waitFor(() => expect(b.json().content?.[0]?.type).toBe('bulletList'))
    await expectAnchoredText(created.id, 'over de omkering')
    a.editor.chain().selectAll().toggleBold().run()
    a.editor.chain().selectAll().unsetAllMarks().clearNodes().run()
    await vi.waitFor(() => expect(b.json().content?.[0]?.type).toBe('paragraph'))
    await expectAnchoredText(created.id, 'over de omkering')
    await expectAnchoredText(other.id, 'voortouw')
  })

  it('[C3] a thread whose text is deleted stays with its quote, and comes back with an undo', async () => {
    const created = await comment(reviewer.token, 'grote transities')
    // A new undo step, so the undo takes back the deletion only.
    yUndoPluginKey.getState(a.editor.state)?.undoManager.stopCapturing()
    const range = rangeOf(a, 'de grote transities')
    a.editor.chain().setTextSelection(range).deleteSelection().run()
    await vi.waitFor(() => expect(b.text()).not.toContain('grote'))
    await expectAnchoredText(created.id, null)
    expect((await thread(created.id)).quote).toBe('grote transities')
    a.editor.commands.undo()
    await vi.waitFor(() => expect(b.text()).toContain('de grote transities'))
    await expectAnchoredText(created.id, 'grote transities')
  })

  it('[C3] overlapping and nested threads each keep their own range', async () => {
    const outer = await comment(reviewer.token, 'nemen het voortouw in de grote')
    const inner = await comment(writer.token, 'voortouw')
    const overlap = await comment(editorPerson.token, 'de grote transities')
    b.editor.chain().setTextSelection(rangeOf(b, 'voortouw').to).insertContent('!').run()
    await expectAnchoredText(outer.id, 'nemen het voortouw! in de grote')
    await expectAnchoredText(inner.id, 'voortouw')
    await expectAnchoredText(overlap.id, 'de grote transities')
  })

  it('[C6][C7] an accepted amendment changes only its passage, for every open editor, credited to its proposer', async () => {
    const amendment = await comment(reviewer.token, 'de grote transities', {
      replacement: 'de energietransitie',
    })
    expect(amendment).toMatchObject({ kind: 'amendment', replacement: 'de energietransitie' })
    const neighbour = await comment(writer.token, 'het voortouw')
    const events: string[] = []
    b.provider.messageHandlers[100] = (_e, decoder) => {
      events.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)))
    }
    const accepted = await api(`/threads/${amendment.id}/accept`, editorPerson.token, {
      method: 'POST',
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ status: 'resolved', decision: 'verwerkt', applied: true })
    const expected = 'Gemeenten nemen het voortouw in de energietransitie van deze tijd.'
    await vi.waitFor(() => expect(a.text().split('\n')[0]).toBe(expected))
    await vi.waitFor(() => expect(b.text().split('\n')[0]).toBe(expected))
    await vi.waitFor(() => expect(events.some((e) => e.includes(amendment.id))).toBe(true))
    await expectAnchoredText(amendment.id, 'de energietransitie')
    await expectAnchoredText(neighbour.id, 'het voortouw')
    // One minimal change: the unchanged letters keep their writer; the new ones are the proposer's.
    const room = server.server.services.rooms.peek('voorstel-1')!
    const owners = new Set<string>()
    const textItems = room.doc.getXmlFragment('default').toArray()[0] as import('yjs').XmlElement
    for (
      let item = (textItems.toArray()[0] as import('yjs').XmlText)._start;
      item;
      item = item.right
    ) {
      if (!item.deleted && 'str' in item.content)
        owners.add(room.authorship.ownerOf(item.id.client)!)
    }
    expect(owners).toEqual(new Set([writer.person.id, reviewer.person.id]))
    // Reopening does not revert the text.
    expect(
      (await api(`/threads/${amendment.id}/reopen`, editorPerson.token, { method: 'POST' })).body
        .status,
    ).toBe('open')
    expect(a.text().split('\n')[0]).toBe(expected)
  })

  it('[C6] accept answers 409 when the text changed, when it is gone, and when the proposal is frozen', async () => {
    const changed = await comment(reviewer.token, 'van deze tijd', { replacement: 'van nu' })
    const gone = await comment(reviewer.token, 'Tweede alinea', { replacement: 'Alinea twee' })
    const frozen = await comment(reviewer.token, 'Gemeenten', { replacement: 'Alle gemeenten' })
    a.editor.chain().setTextSelection(rangeOf(a, 'deze').to).insertContent(' bijzondere').run()
    a.editor.chain().setTextSelection(rangeOf(a, 'Tweede alinea')).deleteSelection().run()
    await expectAnchoredText(gone.id, null)
    await vi.waitFor(async () =>
      expect(textAt(b, (await thread(changed.id)).anchor)).toBe('van deze bijzondere tijd'),
    )
    const codes = async (id: string) => {
      const answer = await api<{ error: { code: string } }>(
        `/threads/${id}/accept`,
        editorPerson.token,
        { method: 'POST' },
      )
      return [answer.status, answer.body.error?.code]
    }
    expect(await codes(changed.id)).toEqual([409, 'quote_changed'])
    expect((await codes(gone.id))[0]).toBe(409)
    await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      body: { status: 'vastgesteld' },
    })
    expect(await codes(frozen.id)).toEqual([409, 'frozen'])
    await server.api('/api/proposals/voorstel-1', { method: 'PATCH', body: { status: 'concept' } })
    expect(
      (await api(`/threads/${frozen.id}/accept`, editorPerson.token, { method: 'POST' })).status,
    ).toBe(200)
    await vi.waitFor(() => expect(b.text()).toContain('Alle gemeenten nemen'))
  })

  it('[A2][C4][C5] reviewers react but cannot resolve, accept, hide or change another’s comment; editors can', async () => {
    const amendment = await comment(writer.token, 'voortouw', { replacement: 'initiatief' })
    const replied = await api<{ id: string }>(`/threads/${amendment.id}/comments`, reviewer.token, {
      method: 'POST',
      body: { body: 'Eens!' },
    })
    expect(replied.status).toBe(201)
    const replyId = replied.body.id
    const writerComment = amendment.comments[0]!.id
    for (const [path, body] of [
      [`/threads/${amendment.id}/resolve`, { decision: 'verwerkt' }],
      [`/threads/${amendment.id}/accept`, {}],
      [`/threads/${amendment.id}/reject`, {}],
      [`/threads/${amendment.id}/reopen`, {}],
    ] as const) {
      expect((await api(path, reviewer.token, { method: 'POST', body })).status).toBe(403)
      expect((await api(path, writer.token, { method: 'POST', body })).status).toBe(403)
    }
    expect(
      (
        await api(`/threads/${amendment.id}/comments/${writerComment}`, reviewer.token, {
          method: 'PATCH',
          body: { body: 'Gekaapt' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await api(`/threads/${amendment.id}/comments/${writerComment}`, reviewer.token, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await api(`/threads/${amendment.id}/comments/${replyId}`, reviewer.token, {
          method: 'PATCH',
          body: { hidden: true },
        })
      ).status,
    ).toBe(403)
    expect((await thread(amendment.id)).status).toBe('open')
    // The positive twins.
    expect(
      (
        await api(`/threads/${amendment.id}/comments/${replyId}`, reviewer.token, {
          method: 'PATCH',
          body: { body: 'Helemaal eens!' },
        })
      ).status,
    ).toBe(200)
    const hidden = await api(`/threads/${amendment.id}/comments/${replyId}`, editorPerson.token, {
      method: 'PATCH',
      body: { hidden: true, reason: 'Persoonlijk' },
    })
    expect(hidden.status).toBe(200)
    const asAuthor = (await api(`/threads/${amendment.id}`, reviewer.token)).body.comments[1]
    const asOther = (await api(`/threads/${amendment.id}`, writer.token)).body.comments[1]
    expect(asAuthor).toMatchObject({ body: 'Helemaal eens!', hidden: true })
    expect(asOther).toMatchObject({ body: '', hidden: true })
    expect(
      (
        await api(`/threads/${amendment.id}/comments/${writerComment}`, writer.token, {
          method: 'DELETE',
        })
      ).body,
    ).toMatchObject({ deleted: true, body: '' })
    const rejected = await api(`/threads/${amendment.id}/reject`, editorPerson.token, {
      method: 'POST',
      body: { note: 'Liever niet' },
    })
    expect(rejected.body).toMatchObject({
      status: 'resolved',
      decision: 'niet-verwerkt',
      note: 'Liever niet',
    })
    expect(b.text()).toContain('voortouw')
  })

  it('[C6] the author revises an open amendment; others may not, nor after it was decided', async () => {
    const amendment = await comment(reviewer.token, 'van deze tijd', { replacement: 'van nu' })
    const revise = (token: string, replacement: unknown) =>
      api(`/threads/${amendment.id}`, token, { method: 'PATCH', body: { replacement } })
    expect((await revise(writer.token, 'van vandaag')).status).toBe(403)
    expect((await revise(reviewer.token, 42)).status).toBe(422)
    const revised = await revise(reviewer.token, 'van vandaag')
    expect(revised.status).toBe(200)
    expect(revised.body.replacement).toBe('van vandaag')
    await api(`/threads/${amendment.id}/accept`, editorPerson.token, { method: 'POST' })
    await vi.waitFor(() => expect(b.text()).toContain('transities van vandaag.'))
    expect((await revise(reviewer.token, 'van morgen')).status).toBe(409)
  })

  it('[C7] a thread event marks news for a viewer only since that viewer’s last visit', async () => {
    const seen: Array<{ id: string; unread: boolean }> = []
    const watcher = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: reviewer.token,
      events: true,
    })
    editors.push(watcher)
    await watcher.synced()
    watcher.provider.messageHandlers[100] = (_e, decoder) => {
      const event = JSON.parse(decoding.readVarString(decoder))
      if (event.type === 'threads') seen.push(...event.threads)
    }
    const own = await comment(reviewer.token, 'het voortouw')
    await api(`/threads/${own.id}/comments`, writer.token, {
      method: 'POST',
      body: { body: 'Antwoord' },
    })
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ id: own.id, unread: true }))
    await api('/threads/seen', reviewer.token, { method: 'POST' })
    await api(`/threads/${own.id}/comments`, reviewer.token, {
      method: 'POST',
      body: { body: 'Dank' },
    })
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ id: own.id, unread: false }))
  })

  it('[C2][C4] bad input: empty 422, over 10,000 characters 413, unknown thread 404, HTML kept as text', async () => {
    const empty = await api('/threads', reviewer.token, {
      method: 'POST',
      body: { body: '  ', quote: 'voortouw' },
    })
    expect(empty.status).toBe(422)
    const long = await api('/threads', reviewer.token, {
      method: 'POST',
      body: { body: 'x'.repeat(10_001), quote: 'voortouw' },
    })
    expect(long.status).toBe(413)
    expect((await api('/threads/t-000000000000', reviewer.token)).status).toBe(404)
    expect(
      (
        await api('/threads/t-000000000000/comments', reviewer.token, {
          method: 'POST',
          body: { body: 'Hallo' },
        })
      ).status,
    ).toBe(404)
    expect((await api<Thread[]>('/threads', reviewer.token)).body).toEqual([])
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    const created = await api('/threads', reviewer.token, {
      method: 'POST',
      body: { body: html, quote: 'voortouw' },
    })
    expect(created.status).toBe(201)
    expect(created.body.comments[0]!.body).toBe(html)
  })
})
