/** Tokens, the order of checks on sockets and the roles table over HTTP and Yjs (contract A1–A4). */
import { stat } from 'node:fs/promises'
import { relative } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  client,
  contentText,
  expectError,
  filesUnder,
  inviteAs,
  type Me,
  type PersonView,
  peopleNames,
  sha256,
  socketOutcome,
  start,
} from '../helpers/identitySupport.ts'
import type { ApiAnswer, Invited, TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

describe('tokens', () => {
  it('[A1][P3] after invitations no token is in any file of the data folder but the admin file, whose owner alone may read it', async () => {
    const server = await start({ adminToken: '', logLevel: 'debug' })
    const admin = server.server.admin
    if (admin.kind !== 'created') throw new Error(`expected a created admin, got ${admin.kind}`)
    const people = await Promise.all(
      ['Anna de Vries', 'Bram Bakker', 'Carla Smit'].map((name, i) =>
        inviteAs(server, admin.token, {
          name,
          role: i === 0 ? 'writer' : 'reviewer',
          proposals: ['voorstel-1'],
          organisation: 'Gemeente Zwolle',
        }),
      ),
    )
    // Text and a socket, so document files and socket logs exist too.
    const anna = client(server, 'voorstel-1', people[0]!.token)
    await anna.synced()
    appendBlock(anna.doc, 'Tekst van Anna de Vries')
    await vi.waitFor(async () =>
      expect(
        await server.api('/api/proposals/voorstel-1/content', { token: admin.token }),
      ).toMatchObject({ body: { text: 'Tekst van Anna de Vries' } }),
    )
    expect((await server.api('/api/me', { token: 'fout-token' })).status).toBe(401)

    const files = await filesUnder(server.dataDir)
    const tokens = [admin.token, ...people.map((p) => p.token)]
    const holding = (needle: string) =>
      files.filter((f) => f.data.includes(needle)).map((f) => f.path)
    expect(holding(admin.token)).toEqual([relative(server.dataDir, admin.file)])
    for (const invited of people) expect(holding(invited.token), invited.person.name).toEqual([])
    // The search reads what the server wrote: names and text are there.
    for (const invited of people)
      expect(holding(invited.person.name).length, invited.person.name).toBeGreaterThan(0)
    expect(holding('Tekst van Anna de Vries').length).toBeGreaterThan(0)
    expect((await stat(admin.file)).mode & 0o777).toBe(0o600)

    const logs = server.logs.join('\n')
    expect(logs).toContain(people[0]!.person.id)
    for (const token of tokens) expect(logs.includes(token)).toBe(false)
  })

  it('[A1] ADMIN_TOKEN is an editor on "*" and is neither written to the data folder nor logged', async () => {
    const server = await start({ logLevel: 'debug' })
    const me = await server.api<Me>('/api/me')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ role: 'editor', proposals: '*' })
    const invited = await server.invite({ name: 'Dirk', role: 'writer', proposals: '*' })
    const socket = await socketOutcome(server, 'voorstel-2', server.adminToken)
    expect(socket).toBe('open')
    expect(await socketOutcome(server, 'voorstel-2', 'geen-token')).toBe(4401)

    const files = await filesUnder(server.dataDir)
    expect(files.length).toBeGreaterThan(0)
    for (const token of [server.adminToken, invited.token]) {
      expect(files.filter((f) => f.data.includes(token)).map((f) => f.path)).toEqual([])
      expect(server.logs.join('\n').includes(token)).toBe(false)
    }
    expect(files.some((f) => f.data.includes(sha256(invited.token)))).toBe(true)
  })
})

describe('order of checks on sockets', () => {
  it('[A4] no/unknown token 4401, malformed id 4400, outside a list 4403 (known or not), unknown on "*" 4404', async () => {
    const server = await start()
    const listed = await server.invite({ name: 'Lies', role: 'writer', proposals: ['voorstel-1'] })
    const cases: Array<
      [label: string, token: string | null, id: string, expected: number | 'open']
    > = [
      ['no token, malformed id', null, 'Voorstel_1', 4401],
      ['no token, known proposal', null, 'voorstel-1', 4401],
      ['unknown token, unknown proposal', 'geen-bestaand-token', 'voorstel-99', 4401],
      ['list token, malformed id', listed.token, 'Voorstel_1', 4400],
      ['list token, known proposal outside the list', listed.token, 'voorstel-2', 4403],
      ['list token, unknown proposal', listed.token, 'voorstel-99', 4403],
      ['"*" token, malformed id', server.adminToken, 'voorstel-1%2F..', 4400],
      ['"*" token, unknown proposal', server.adminToken, 'voorstel-99', 4404],
      ['list token, its own proposal', listed.token, 'voorstel-1', 'open'],
      ['"*" token, known proposal', server.adminToken, 'voorstel-2', 'open'],
    ]
    const seen: Array<[string, number | 'open']> = []
    for (const [label, token, id] of cases)
      seen.push([label, await socketOutcome(server, id, token)])
    expect(seen).toEqual(cases.map(([label, , , expected]) => [label, expected]))
  })

  it('[A4] a socket path with broken percent-encoding closes 4401 without a token and 4400 with one', async () => {
    const server = await start()
    expect(await socketOutcome(server, '%E0%A4%A', null)).toBe(4401)
    expect(await socketOutcome(server, '%E0%A4%A', server.adminToken)).toBe(4400)
  })
})

describe('roles', () => {
  interface Fixture {
    server: TestServer
    victim: Invited
  }
  interface Action {
    what: string
    run(f: Fixture, token: string): Promise<ApiAnswer>
    /** The status an editor gets. */
    ok: number
    /** True when the action took effect. */
    changed(f: Fixture): Promise<boolean>
  }
  const actions: Action[] = [
    {
      what: 'create a proposal',
      run: ({ server }, token) =>
        server.api('/api/proposals', { method: 'POST', token, body: { title: 'Nieuw voorstel' } }),
      ok: 201,
      changed: async ({ server }) =>
        (await server.api<Array<{ id: string }>>('/api/proposals')).body.some(
          (p) => p.id === 'nieuw-voorstel',
        ),
    },
    {
      what: 'change title and status',
      run: ({ server }, token) =>
        server.api('/api/proposals/voorstel-1', {
          method: 'PATCH',
          token,
          body: { title: 'Gewijzigd', status: 'consultatie' },
        }),
      ok: 200,
      changed: async ({ server }) => {
        const { body } = await server.api<{ title: string; status: string }>(
          '/api/proposals/voorstel-1/content',
        )
        return body.title !== 'Voorstel 1' || body.status !== 'concept'
      },
    },
    {
      what: 'invite someone',
      run: ({ server }, token) =>
        server.api('/api/invites', {
          method: 'POST',
          token,
          body: { name: 'Nieuw Lid', role: 'reviewer', proposals: ['voorstel-1'] },
        }),
      ok: 201,
      changed: async ({ server }) => (await peopleNames(server)).includes('Nieuw Lid'),
    },
    {
      what: 'list people',
      run: ({ server }, token) => server.api('/api/people', { token }),
      ok: 200,
      changed: async () => false,
    },
    {
      what: 'revoke someone',
      run: ({ server, victim }, token) =>
        server.api(`/api/people/${victim.person.id}`, { method: 'DELETE', token }),
      ok: 200,
      changed: async ({ server, victim }) =>
        (await server.api('/api/me', { token: victim.token })).status === 401,
    },
  ]

  async function fixture(role: 'reviewer' | 'writer' | 'editor') {
    const server = await start()
    const actor = await server.invite({ name: `Een ${role}`, role, proposals: '*' })
    const victim = await server.invite({
      name: 'Vera',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    return { f: { server, victim }, actor }
  }

  const lower = (['reviewer', 'writer'] as const).flatMap((role) =>
    actions.map((action) => [role, action.what, action] as const),
  )
  it.each(lower)(
    '[A2][A3] a %s may not %s: 403 and nothing changed',
    async (role, _what, action) => {
      const { f, actor } = await fixture(role)
      const answer = await action.run(f, actor.token)
      expectError(answer, 403, 'forbidden')
      expect(JSON.stringify(answer.body)).not.toContain('Vera')
      expect(await action.changed(f)).toBe(false)
    },
  )

  it.each(actions.map((action) => [action.what, action] as const))(
    '[A2] an editor may %s',
    async (_what, action) => {
      const { f, actor } = await fixture('editor')
      const answer = await action.run(f, actor.token)
      expect(answer.status, JSON.stringify(answer.body)).toBe(action.ok)
      if (action.what !== 'list people') expect(await action.changed(f)).toBe(true)
      else expect((answer.body as PersonView[]).map((p) => p.name)).toContain('Vera')
    },
  )

  it("[A3][S5] a reviewer's Yjs update is never applied, broadcast or stored; a writer's same edit is", async () => {
    const server = await start()
    const rita = await server.invite({ name: 'Rita', role: 'reviewer', proposals: ['voorstel-1'] })
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })
    const eva = await server.invite({ name: 'Eva', role: 'editor', proposals: ['voorstel-1'] })
    const reviewer = client(server, 'voorstel-1', rita.token)
    const writer = client(server, 'voorstel-1', wim.token)
    const observer = client(server, 'voorstel-1', eva.token)
    await Promise.all([reviewer.synced(), writer.synced(), observer.synced()])

    appendBlock(reviewer.doc, 'Tekst van de lezer')
    await vi.waitFor(() => expect(reviewer.closed).toMatchObject({ code: 4403 }))
    expect(reviewer.provider.shouldConnect).toBe(false)

    appendBlock(writer.doc, 'Tekst van de schrijver')
    // Updates reach others in order: had the reviewer's been forwarded, it came first.
    await vi.waitFor(() => expect(linesOf(observer.doc)).toContain('Tekst van de schrijver'))
    expect(linesOf(observer.doc)).toBe('Tekst van de schrijver')
    expect(linesOf(writer.doc)).toBe('Tekst van de schrijver')
    expect(await contentText(server, 'voorstel-1')).toBe('Tekst van de schrijver')

    for (const c of [reviewer, writer, observer]) c.destroy()
    await server.restart()
    expect(await contentText(server, 'voorstel-1')).toBe('Tekst van de schrijver')
    const files = await filesUnder(server.dataDir)
    expect(files.some((f) => f.data.includes('Tekst van de schrijver'))).toBe(true)
    expect(files.filter((f) => f.data.includes('Tekst van de lezer')).map((f) => f.path)).toEqual(
      [],
    )
  })
})
