import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { adminEditor, openRound, P1, saveVersion, serverBlocks, WAIT } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Response {
  blockId: string
  text: string
  by: { id: string; name: string; organisation: string | null }
  at: string
}
interface ErrorBody {
  error: { code: string; details?: { field?: string } }
}

let server: TestServer
let editor: HeadlessEditor | undefined
const clients: TestClient[] = []

afterEach(async () => {
  editor?.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

describe('the VNG’s response per passage', () => {
  it('[R7][A2][E1] an editor writes, changes and takes back the response to a passage; members read it; it stays writable after the round closed', async () => {
    server = await startServer()
    editor = await adminEditor(server)
    editor.editor.commands.insertContent('<p>Eerste passage.</p><p>Tweede passage.</p>')
    const [first, second] = await serverBlocks(server, ['Eerste passage.', 'Tweede passage.'])
    const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
    const eva = await server.invite({
      ...{ name: 'Eva', role: 'editor', proposals: '*' },
      organisation: 'VNG',
    })
    const rik = await server.invite({
      ...{ name: 'Rik', role: 'reviewer', proposals: ['voorstel-1'] },
      organisation: 'Gemeente Urk',
    })
    const watcher = connectClient(server.wsUrl, 'voorstel-1', rik.token, { events: true })
    clients.push(watcher)
    await watcher.synced()
    const path = (blockId: string) => `${P1}/rounds/${round.id}/responses/${blockId}`
    const put = (blockId: string, body: unknown, token = eva.token) =>
      server.api<Response & ErrorBody>(path(blockId), { method: 'PUT', token, body })

    // Members may read it, not write it; the editor's goes through.
    const byMember = await put(first!.blockId, { text: 'Mijn eigen reactie.' }, rik.token)
    expect(byMember.status).toBe(403)
    const written = await put(first!.blockId, { text: '  De VNG neemt dit over.  ' })
    expect(written.status).toBe(200)
    expect(written.body).toEqual({
      blockId: first!.blockId,
      text: 'De VNG neemt dit over.',
      by: { id: eva.person.id, name: 'Eva', organisation: 'VNG' },
      at: expect.any(String),
    })
    await vi.waitFor(
      () =>
        expect(watcher.events).toContainEqual({
          type: 'response',
          roundId: round.id,
          response: written.body,
        }),
      WAIT,
    )
    const listed = await server.api<Response[]>(`${P1}/rounds/${round.id}/responses`, {
      token: rik.token,
    })
    expect(listed.body).toEqual([written.body])
    const summary = await server.api<{ blocks: Array<{ blockId: string; response: unknown }> }>(
      `${P1}/rounds/${round.id}/summary`,
      { token: rik.token },
    )
    expect(summary.body.blocks.map((b) => [b.blockId, b.response])).toEqual([
      [first!.blockId, written.body],
      [second!.blockId, null],
    ])

    // Bad input changes nothing.
    expect((await put('p-bestaat-niet', { text: 'x' })).status).toBe(404)
    const noText = await put(first!.blockId, { tekst: 'x' })
    expect(noText.status).toBe(422)
    expect(noText.body.error.details?.field).toBe('text')
    expect((await put(first!.blockId, { text: 'x'.repeat(10_001) })).status).toBe(413)

    // After the round closed the memorandum is written: responses still change; '' takes one back.
    await server.api(`${P1}/rounds/${round.id}/close`, { method: 'POST' })
    expect((await put(second!.blockId, { text: 'Later geschreven.' })).status).toBe(200)
    expect((await put(first!.blockId, { text: '' })).status).toBe(200)
    const after = await server.api<Response[]>(`${P1}/rounds/${round.id}/responses`)
    expect(after.body.map((r) => [r.blockId, r.text])).toEqual([
      [second!.blockId, 'Later geschreven.'],
    ])
  })
})
