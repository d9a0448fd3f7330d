/**
 * The overview's texts and "Voor u", and changing a person on the people page
 * (A5's rules for changes).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { expectError } from '../helpers/identitySupport.ts'
import { adminEditor, givePosition, P1, saveVersion, serverBlocks } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

let server: TestServer
let editor: HeadlessEditor | undefined
afterEach(async () => {
  editor?.destroy()
  await server?.close()
})

interface ForYou {
  rounds: Array<{
    proposalId: string
    title: string
    closesAt: string
    answered: number
    total: number
  }>
  threads: Array<{ threadId: string; quote: string; lastBy: { name: string } }>
}

describe('the overview', () => {
  it("the timeline holds the published dates; an editor moves a step later, never earlier; descriptions are the editors'", async () => {
    server = await startServer()
    const overview = await server.api<{
      timeline: Array<{ id: string; date: string; planned: string }>
    }>('/api/overview')
    expect(overview.body.timeline.map((step) => step.date)).toEqual([
      '2021-12-01',
      '2022-04-01',
      '2022-09-01',
      '2023-06-14',
    ])
    const writer = await server.invite({ name: 'Wim', role: 'writer', proposals: '*' })
    expectError(
      await server.api('/api/overview/timeline/alv', {
        method: 'PUT',
        token: writer.token,
        body: { date: '2027-06-14' },
      }),
      403,
      'forbidden',
    )
    expectError(
      await server.api('/api/overview/timeline/alv', {
        method: 'PUT',
        body: { date: '2023-01-01' },
      }),
      422,
      'validation_failed',
    )
    const moved = await server.api('/api/overview/timeline/alv', {
      method: 'PUT',
      body: { date: '2027-06-14' },
    })
    expect(moved.body).toMatchObject({ id: 'alv', planned: '2023-06-14', date: '2027-06-14' })
    const described = await server.api(`/api/overview/descriptions/voorstel-2`, {
      method: 'PUT',
      body: { description: 'Samen sterker in de regio.' },
    })
    expect(described.status).toBe(200)
    const after = await server.api<{
      timeline: Array<{ date: string }>
      descriptions: Record<string, string>
    }>('/api/overview', { token: writer.token })
    expect(after.body.timeline[3]!.date).toBe('2027-06-14')
    expect(after.body.descriptions).toEqual({ 'voorstel-2': 'Samen sterker in de regio.' })
  })

  it('"Voor u" lists open rounds awaiting the organisation\'s positions and threads awaiting a reply', async () => {
    server = await startServer()
    editor = await adminEditor(server)
    editor.editor.commands.insertContent('<p>Eerste passage.</p><p>Tweede passage.</p>')
    const blocks = await serverBlocks(server, ['Eerste passage.', 'Tweede passage.'])
    const versionId = await saveVersion(server, 'Ronde 1')
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const round = await server.api<{ id: string }>(`${P1}/rounds`, {
      method: 'POST',
      body: { versionId, closesAt },
    })
    const member = (name: string, organisation: string) =>
      server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'], organisation })
    const anna = await member('Anna', 'Gemeente Urk')
    const bram = await member('Bram', 'Gemeente Ede')
    const forYou = (token: string) => server.api<ForYou>('/api/for-you', { token })

    expect((await forYou(anna.token)).body.rounds).toEqual([
      expect.objectContaining({ proposalId: 'voorstel-1', closesAt, answered: 0, total: 2 }),
    ])
    await givePosition(server, anna.token, round.body.id, blocks[0]!.blockId, {
      position: 'akkoord',
    })
    expect((await forYou(anna.token)).body.rounds[0]).toMatchObject({ answered: 1, total: 2 })
    await givePosition(server, anna.token, round.body.id, blocks[1]!.blockId, {
      position: 'akkoord',
    })
    expect((await forYou(anna.token)).body.rounds).toEqual([])
    expect((await forYou(bram.token)).body.rounds).toHaveLength(1)
    // The people page's filter "responded in the open round" reads the same.
    const responses = await server.api<Record<string, string>>('/api/people/responses')
    expect(responses.body).toEqual({ [anna.person.id]: 'responded', [bram.person.id]: 'waiting' })

    const thread = await server.api<{ id: string }>(`${P1}/threads`, {
      method: 'POST',
      token: anna.token,
      body: { body: 'Wat betekent dit?', quote: 'Tweede passage.' },
    })
    expect((await forYou(anna.token)).body.threads).toEqual([])
    await server.api(`${P1}/threads/${thread.body.id}/comments`, {
      method: 'POST',
      token: bram.token,
      body: { body: 'Dat vroeg ik me ook af.' },
    })
    expect((await forYou(anna.token)).body.threads).toEqual([
      expect.objectContaining({
        threadId: thread.body.id,
        quote: 'Tweede passage.',
        lastBy: expect.objectContaining({ name: 'Bram' }),
      }),
    ])
    expect((await forYou(bram.token)).body.threads).toEqual([])
  })
})

describe('changing a person', () => {
  it('[A5] an editor changes role, proposals and e-mail within its own set; never above it, never its own access', async () => {
    server = await startServer()
    const eva = await server.invite({
      name: 'Eva',
      role: 'editor',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const anna = await server.invite({ name: 'Anna', role: 'reviewer', proposals: ['voorstel-1'] })
    const patch = (id: string, body: unknown, token = eva.token) =>
      server.api<{ role: string; proposals: string[]; email: string }>(`/api/people/${id}`, {
        method: 'PATCH',
        token,
        body,
      })
    const changed = await patch(anna.person.id, {
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-2'],
      email: 'Anna@Urk.nl',
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-2'],
      email: 'anna@urk.nl',
    })
    expect((await server.api<{ role: string }>('/api/me', { token: anna.token })).body.role).toBe(
      'writer',
    )
    expectError(await patch(anna.person.id, { proposals: ['voorstel-3'] }), 403, 'forbidden')
    expectError(await patch(anna.person.id, { proposals: '*' }), 403, 'forbidden')
    expectError(await patch(eva.person.id, { role: 'reviewer' }), 409, 'conflict')
    expectError(await patch(anna.person.id, { role: 'baas' }), 422, 'validation_failed')
    expectError(await patch(anna.person.id, { role: 'reviewer' }, anna.token), 403, 'forbidden')
    const bram = await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-1'] })
    expectError(await patch(bram.person.id, { email: 'anna@urk.nl' }), 409, 'conflict')
  })
})
