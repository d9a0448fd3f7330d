/**
 * Identity and roles (contract A1–A6, R1) against the real server: tokens kept as
 * hashes, the roles table over HTTP and Yjs, every close code a socket can get,
 * invitations and revocation, presence that cannot be forged.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { closeOf, connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts'
import {
  type ApiAnswer,
  type Invited,
  type InviteInput,
  startServer,
  type TestServer,
} from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

interface PersonView {
  id: string
  name: string
  organisation: string | null
  province?: string | null
  role?: string
  revokedAt?: string | null
}

interface Me {
  person: { id: string; name: string; organisation: string | null }
  role: string
  proposals: '*' | string[]
  color?: string
}

const MiB = 1024 * 1024
const PROVINCES = [
  'Groningen',
  'Fryslân',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
]

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options)
  cleanups.push(() => server.close())
  return server
}

function client(
  server: TestServer,
  proposal: string,
  token: string | null,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const c = connectClient(server.wsUrl, proposal, token, options)
  cleanups.push(() => c.destroy())
  return c
}

async function rawSocket(
  server: TestServer,
  proposal: string,
  token: string | null,
): Promise<WebSocket> {
  const socket = await openRawSocket(server.wsUrl, proposal, token)
  cleanups.push(() => socket.terminate())
  return socket
}

/** What became of a new raw socket: its close code, or 'open' once the server greets it. */
async function socketOutcome(
  server: TestServer,
  proposal: string,
  token: string | null,
): Promise<number | 'open'> {
  const socket = await rawSocket(server, proposal, token)
  let outcome: number | 'open' | null = null
  socket.once('message', () => {
    outcome ??= 'open'
  })
  socket.once('close', (code) => {
    outcome ??= code
  })
  await vi.waitFor(() => expect(outcome).not.toBeNull(), { timeout: 3000 })
  return outcome!
}

/** Frames from a raw socket, as they arrive. */
function framesOf(socket: WebSocket): Uint8Array[] {
  const frames: Uint8Array[] = []
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  return frames
}

/** A y-websocket frame: message type, then the written payload. */
function frame(type: number, write: (encoder: encoding.Encoder) => void = () => {}): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** An awareness frame (type 1) publishing `state` for `clientId`. */
function awarenessFrame(
  clientId: number,
  clock: number,
  state: Record<string, unknown> | null,
): Uint8Array {
  return frame(1, (e) => {
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, 1)
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
    encoding.writeVarUint8Array(e, encoding.toUint8Array(update))
  })
}

/** Sync step 1 of an empty document: the server answers with step 2. */
const SYNC_STEP1 = frame(0, (e) => {
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
})

const DUTCH_WORDS =
  /\b(je|jij|jouw|dit|deze|de|het|een|niet|geen|is|te|van|of|en|op|voor|met|bestaat|ongeldig|kies|vul|geef)\b/i

function expectError(answer: ApiAnswer, status: number, code: string): ErrorBody['error'] {
  const body = answer.body as ErrorBody
  expect({ status: answer.status, code: body?.error?.code }).toEqual({ status, code })
  expect(body.error.message).toMatch(DUTCH_WORDS)
  return body.error
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** Every file under `dir`, with its path relative to `dir`. */
async function filesUnder(dir: string): Promise<Array<{ path: string; data: Buffer }>> {
  const files: Array<{ path: string; data: Buffer }> = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.push({ path: relative(dir, path), data: await readFile(path) })
  }
  return files
}

/** Invites as `token` (the helper's `invite` always uses the env admin). */
async function inviteAs(server: TestServer, token: string, input: InviteInput): Promise<Invited> {
  const answer = await server.api<Invited>('/api/invites', { method: 'POST', token, body: input })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body
}

async function peopleNames(server: TestServer): Promise<string[]> {
  const answer = await server.api<PersonView[]>('/api/people')
  expect(answer.status).toBe(200)
  return answer.body.map((person) => person.name)
}

async function contentText(server: TestServer, proposal: string): Promise<string> {
  const answer = await server.api<{ text: string }>(`/api/proposals/${proposal}/content`)
  expect(answer.status).toBe(200)
  return answer.body.text
}

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

describe('close codes', () => {
  it('[A4] y-websocket clients stop reconnecting after 4401, 4400, 4403 and 4404, while one closed by a restart comes back', async () => {
    const server = await start()
    const listed = await server.invite({ name: 'Lies', role: 'writer', proposals: ['voorstel-1'] })
    const refused: Array<[TestClient, number]> = [
      [client(server, 'voorstel-1', null, { connect: false }), 4401],
      [client(server, 'voorstel-1', 'onbekend-token', { connect: false }), 4401],
      [client(server, 'Voorstel_1', listed.token, { connect: false }), 4400],
      [client(server, 'voorstel-2', listed.token, { connect: false }), 4403],
      [client(server, 'voorstel-99', server.adminToken, { connect: false }), 4404],
    ]
    const good = client(server, 'voorstel-1', listed.token, { connect: false })
    const attempts = new Map<TestClient, number>()
    for (const c of [...refused.map(([c]) => c), good]) {
      attempts.set(c, 0)
      c.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connecting') attempts.set(c, attempts.get(c)! + 1)
      })
      c.provider.connect()
    }
    await good.synced()
    await vi.waitFor(() => {
      for (const [c, code] of refused) expect(c.closed?.code).toBe(code)
    })

    const before = good.provider.ws
    await server.restart()
    await vi.waitFor(() => {
      expect(good.provider.ws).not.toBe(before)
      expect(good.provider.synced).toBe(true)
    })
    expect(attempts.get(good)).toBeGreaterThanOrEqual(2)
    for (const [c, code] of refused) {
      expect({
        code,
        attempts: attempts.get(c),
        shouldConnect: c.provider.shouldConnect,
        closes: c.closeCodes,
      }).toEqual({
        code,
        attempts: 1,
        shouldConnect: false,
        closes: [code],
      })
    }
  })

  it('[A4][S4] an undecodable frame closes 4400; a well-formed one on a socket like it is answered', async () => {
    const server = await start()
    const good = await rawSocket(server, 'voorstel-1', server.adminToken)
    const frames = framesOf(good)
    good.send(SYNC_STEP1)
    await vi.waitFor(() => expect(frames.some((f) => f[0] === 0 && f[1] === 1)).toBe(true))
    expect(good.readyState).toBe(good.OPEN)

    const truncated = await rawSocket(server, 'voorstel-1', server.adminToken)
    const truncatedClose = closeOf(truncated)
    truncated.send(new Uint8Array([0x80]))
    expect((await truncatedClose).code).toBe(4400)

    const garbage = await rawSocket(server, 'voorstel-1', server.adminToken)
    const garbageClose = closeOf(garbage)
    garbage.send(
      frame(0, (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff, 0x7f, 0x03, 0x01]))
      }),
    )
    expect((await garbageClose).code).toBe(4400)

    const event = await rawSocket(server, 'voorstel-1', server.adminToken)
    const eventClose = closeOf(event)
    event.send(frame(100, (e) => encoding.writeVarString(e, JSON.stringify({ type: 'status' }))))
    expect((await eventClose).code).toBe(4400)

    // The process and the other socket carry on.
    expect(good.readyState).toBe(good.OPEN)
    expect((await server.api('/healthz', { token: null })).status).toBe(200)
  })

  it('[A4][S4] a frame over 2 MiB closes 4413 and the client stays away; a 1.5 MiB edit is accepted', async () => {
    const server = await start()
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })

    const raw = await rawSocket(server, 'voorstel-1', wim.token)
    const rawClose = closeOf(raw)
    raw.send(new Uint8Array(2 * MiB + 1))
    expect((await rawClose).code).toBe(4413)

    const tooBig = client(server, 'voorstel-1', wim.token)
    await tooBig.synced()
    appendBlock(tooBig.doc, 'a'.repeat(2 * MiB + 10))
    await vi.waitFor(() => expect(tooBig.closed).toMatchObject({ code: 4413 }))
    expect(tooBig.provider.shouldConnect).toBe(false)
    expect(await contentText(server, 'voorstel-1')).toBe('')

    const fits = client(server, 'voorstel-1', wim.token)
    await fits.synced()
    appendBlock(fits.doc, 'b'.repeat(1.5 * MiB))
    await vi.waitFor(async () =>
      expect((await contentText(server, 'voorstel-1')).length).toBe(1.5 * MiB),
    )
    expect(fits.closed).toBeNull()
  })
})

describe('invitations and people', () => {
  it('[A5] an invitation answers 201 {person, token, url}; the url signs in as that person and /api/me says who', async () => {
    const server = await start()
    const answer = await server.api<Invited>('/api/invites', {
      method: 'POST',
      body: {
        name: 'Anna de Vries',
        role: 'writer',
        proposals: ['voorstel-1', 'voorstel-3'],
        organisation: 'Gemeente Zwolle',
      },
    })
    expect(answer.status).toBe(201)
    expect(Object.keys(answer.body).sort()).toEqual(['person', 'token', 'url'])
    const { person, token, url } = answer.body
    expect(person).toMatchObject({
      id: expect.any(String),
      name: 'Anna de Vries',
      organisation: 'Gemeente Zwolle',
    })
    expect(JSON.stringify(person)).not.toContain(token)
    expect(JSON.stringify(person)).not.toContain(sha256(token))

    const link = new URL(url)
    expect(link.origin).toBe(server.url)
    expect(link.hash.startsWith('#/welkom?token=')).toBe(true)
    const linked = new URLSearchParams(link.hash.slice('#/welkom?'.length)).get('token')
    expect(linked).toBe(token)

    const me = await server.api<Me>('/api/me', { token: linked })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      person: { id: person.id, name: 'Anna de Vries', organisation: 'Gemeente Zwolle' },
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-3'],
    })
    expectError(await server.api('/api/me', { token: `${token}x` }), 401, 'unauthorized')
  })

  it('[A5] a writer cannot invite at all; an editor on a list cannot grant proposals outside it, known or not', async () => {
    const server = await start()
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: '*' })
    const eva = await server.invite({
      name: 'Eva',
      role: 'editor',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const before = await peopleNames(server)
    const invite = (token: string, proposals: '*' | string[], role = 'reviewer') =>
      server.api('/api/invites', {
        method: 'POST',
        token,
        body: { name: 'Nieuw Lid', role, proposals },
      })

    expectError(await invite(wim.token, ['voorstel-1']), 403, 'forbidden')
    for (const proposals of [
      ['voorstel-3'],
      ['voorstel-1', 'voorstel-3'],
      ['voorstel-99'],
      '*',
    ] as const) {
      const answer = await invite(eva.token, proposals as '*' | string[])
      expect([JSON.stringify(proposals), answer.status]).toEqual([JSON.stringify(proposals), 403])
      expectError(answer, 403, 'forbidden')
    }
    expect(await peopleNames(server)).toEqual(before)

    const within = await server.api<Invited>('/api/invites', {
      method: 'POST',
      token: eva.token,
      body: { name: 'Nieuw Lid', role: 'editor', proposals: ['voorstel-2'] },
    })
    expect(within.status).toBe(201)
    expect(await peopleNames(server)).toEqual([...before, 'Nieuw Lid'])
  })

  it("[A5] GET /api/people lists people without tokens or hashes, only within the viewer's proposals", async () => {
    const server = await start()
    const invited = [
      await server.invite({
        name: 'Anna',
        role: 'writer',
        proposals: ['voorstel-1'],
        organisation: 'Gemeente Zwolle',
      }),
      await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-2'] }),
      await server.invite({ name: 'Eva', role: 'editor', proposals: ['voorstel-1'] }),
    ]
    const all = await server.api<PersonView[]>('/api/people')
    expect(all.status).toBe(200)
    expect(all.body.map((p) => p.name)).toEqual(expect.arrayContaining(['Anna', 'Bram', 'Eva']))
    for (const person of all.body) {
      expect(person).toMatchObject({ id: expect.any(String), name: expect.any(String) })
      expect(person).toHaveProperty('organisation')
    }
    const text = JSON.stringify(all.body).toLowerCase()
    expect(text).not.toContain('token')
    expect(text).not.toContain('hash')
    for (const { token } of invited) {
      expect(JSON.stringify(all.body)).not.toContain(token)
      expect(text).not.toContain(sha256(token))
    }
    expect(all.body.find((p) => p.name === 'Anna')?.organisation).toBe('Gemeente Zwolle')

    const eva = invited[2]!
    const seenByEva = await server.api<PersonView[]>('/api/people', { token: eva.token })
    expect(seenByEva.status).toBe(200)
    expect(seenByEva.body.map((p) => p.name).sort()).toEqual(['Anna', 'Eva'])
  })

  it("[A5] revoking closes that person's sockets with 4401 at once and the token stops working; others stay", async () => {
    const server = await start()
    const anna = await server.invite({
      name: 'Anna',
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const annaOne = client(server, 'voorstel-1', anna.token)
    const annaTwo = client(server, 'voorstel-2', anna.token)
    const bramOne = client(server, 'voorstel-1', bram.token)
    await Promise.all([annaOne.synced(), annaTwo.synced(), bramOne.synced()])

    const revoked = await server.api<PersonView>(`/api/people/${anna.person.id}`, {
      method: 'DELETE',
    })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toMatchObject({ id: anna.person.id, name: 'Anna' })
    expect(JSON.stringify(revoked.body)).not.toContain(anna.token)
    await vi.waitFor(() => {
      expect(annaOne.closed).toMatchObject({ code: 4401 })
      expect(annaTwo.closed).toMatchObject({ code: 4401 })
    })

    expectError(await server.api('/api/me', { token: anna.token }), 401, 'unauthorized')
    expectError(
      await server.api('/api/proposals/voorstel-1/content', { token: anna.token }),
      401,
      'unauthorized',
    )
    expect(await socketOutcome(server, 'voorstel-1', anna.token)).toBe(4401)

    expect(bramOne.closed).toBeNull()
    expect(bramOne.provider.wsconnected).toBe(true)
    expect((await server.api('/api/me', { token: bram.token })).status).toBe(200)
    appendBlock(bramOne.doc, 'Bram schrijft door')
    await vi.waitFor(async () =>
      expect(await contentText(server, 'voorstel-1')).toBe('Bram schrijft door'),
    )
    expect(annaOne.doc.getXmlFragment('default').length).toBe(0)
  })

  it("[A5] revoking checks the id and the editor's proposals: 400, 404, 403 outside them, the editor's own self 409", async () => {
    const server = await start()
    const eva = await server.invite({ name: 'Eva', role: 'editor', proposals: ['voorstel-1'] })
    const outside = await server.invite({ name: 'Olaf', role: 'writer', proposals: ['voorstel-2'] })
    const inside = await server.invite({ name: 'Ines', role: 'writer', proposals: ['voorstel-1'] })
    const revoke = (id: string, token = eva.token) =>
      server.api(`/api/people/${id}`, { method: 'DELETE', token })

    expectError(await revoke('Geen_Id!'), 400, 'bad_request')
    expectError(await revoke('p-000000000000'), 404, 'not_found')
    expectError(await revoke(outside.person.id), 403, 'forbidden')
    expect((await server.api('/api/me', { token: outside.token })).status).toBe(200)
    expectError(await revoke(eva.person.id), 409, 'conflict')
    expect((await server.api('/api/me', { token: eva.token })).status).toBe(200)
    expect((await revoke(inside.person.id)).status).toBe(200)
    expect((await server.api('/api/me', { token: inside.token })).status).toBe(401)
    await server.restart()
    expect((await server.api('/api/me', { token: inside.token })).status).toBe(401)
    expect((await server.api('/api/me', { token: outside.token })).status).toBe(200)
  })
})

describe('presence', () => {
  /**
   * Makes a client publish only its own awareness, as the editor does: y-websocket
   * itself re-sends every state it receives (see the relay test below).
   */
  function publishOwnPresenceOnly(c: TestClient): TestClient {
    const { provider, doc } = c
    const { awareness } = provider
    awareness.off('update', provider._awarenessUpdateHandler)
    const handler = (change: { added: number[]; updated: number[]; removed: number[] }) => {
      if (![...change.added, ...change.updated, ...change.removed].includes(doc.clientID)) return
      const ws = provider.ws
      if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return
      ws.send(
        frame(1, (e) =>
          encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID])),
        ),
      )
    }
    provider._awarenessUpdateHandler = handler
    awareness.on('update', handler)
    return c
  }

  it("[A6] others see the name and colour of the token's person, whatever name the client sets", async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-1'] })
    const annaMe = (await server.api<Me>('/api/me', { token: anna.token })).body
    const a = publishOwnPresenceOnly(client(server, 'voorstel-1', anna.token))
    const b = publishOwnPresenceOnly(client(server, 'voorstel-1', bram.token))
    await Promise.all([a.synced(), b.synced()])

    a.provider.awareness.setLocalStateField('user', { name: 'Koning Willem', color: '#000000' })
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    await vi.waitFor(() => {
      const state = b.provider.awareness.getStates().get(a.doc.clientID)
      expect(state?.cursor).toEqual({ anchor: 1 })
      expect(state?.user).toMatchObject({ name: 'Anna' })
    })
    const user = b.provider.awareness.getStates().get(a.doc.clientID)?.user as {
      name: string
      color: string
    }
    expect(user.color).not.toBe('#000000')
    if (annaMe.color !== undefined) expect(user.color).toBe(annaMe.color)
    // And the other way round: Bram, who set no name, is shown as Bram.
    b.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    await vi.waitFor(() =>
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({
        cursor: { anchor: 2 },
        user: { name: 'Bram' },
      }),
    )
  })

  it('[S1][A6] a plain y-websocket client, which relays the presence it receives, stays connected', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const a = client(server, 'voorstel-1', anna.token)
    const b = client(server, 'voorstel-1', bram.token)
    await Promise.all([a.synced(), b.synced()])
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    b.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    await vi.waitFor(() => {
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({
        user: { name: 'Anna' },
      })
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({
        user: { name: 'Bram' },
      })
    })
    // Both still connected: an edit still travels both ways.
    appendBlock(a.doc, 'Van Anna')
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('Van Anna'))
    appendBlock(b.doc, 'Van Bram')
    await vi.waitFor(() => expect(linesOf(a.doc)).toBe('Van Anna\nVan Bram'))
    expect([a.closeCodes, b.closeCodes]).toEqual([[], []])
  })

  /** The client ids in an awareness frame (type 1), or null for other frames. */
  function awarenessIdsOf(data: Uint8Array): number[] | null {
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== 1) return null
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const ids: number[] = []
    for (let n = decoding.readVarUint(update); n > 0; n--) {
      ids.push(decoding.readVarUint(update))
      decoding.readVarUint(update)
      decoding.readVarString(update)
    }
    return ids
  }

  /**
   * Asks the server for every presence on `socket` (message type 3) and resolves
   * once the answer holding `clientId` is in: by then the server has handled all
   * that socket sent before, and a client has applied the room's state of `clientId`.
   */
  function askPresence(socket: WebSocket, clientId: number): Promise<void> {
    return new Promise((resolve) => {
      const onMessage = (data: Buffer) => {
        if (!awarenessIdsOf(new Uint8Array(data))?.includes(clientId)) return
        socket.off('message', onMessage)
        resolve()
      }
      socket.on('message', onMessage)
      socket.send(frame(3))
    })
  }
  const socketOf = (c: TestClient) => c.provider.ws as unknown as WebSocket

  it('[A6] presence a socket publishes for a client id another socket owns never reaches the others; its own does', async () => {
    const server = await start()
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const carla = await server.invite({
      name: 'Carla',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    const a = publishOwnPresenceOnly(client(server, 'voorstel-1', anna.token))
    const b = publishOwnPresenceOnly(client(server, 'voorstel-1', bram.token))
    await Promise.all([a.synced(), b.synced()])
    const annaId = a.doc.clientID
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    const annaAtBram = () => b.provider.awareness.getStates().get(annaId)
    await vi.waitFor(() =>
      expect(annaAtBram()).toMatchObject({ cursor: { anchor: 3 }, user: { name: 'Anna' } }),
    )
    /** The server may close a forging socket (4400) or drop what it forged; either way nobody sees it. */
    const expectRefused = async (closed: { code: number } | null) => {
      if (closed) expect(closed.code).toBe(4400)
      await askPresence(socketOf(b), annaId)
      expect(annaAtBram()).toMatchObject({ cursor: { anchor: 3 }, user: { name: 'Anna' } })
    }

    // A second y-websocket client that reuses Anna's client id and moves "her" caret.
    const forgedDoc = new Y.Doc()
    forgedDoc.clientID = annaId
    const forger = publishOwnPresenceOnly(
      client(server, 'voorstel-1', carla.token, { doc: forgedDoc }),
    )
    await vi.waitFor(() => expect(forger.closed !== null || forger.provider.synced).toBe(true))
    if (!forger.closed) {
      forger.provider.awareness.setLocalStateField('cursor', { anchor: 100 })
      forger.provider.awareness.setLocalStateField('cursor', { anchor: 101 })
      await askPresence(socketOf(forger), annaId)
    }
    await expectRefused(forger.closed)

    // A raw socket: its own id is accepted and shown as Carla, whatever it claims.
    const raw = await rawSocket(server, 'voorstel-1', carla.token)
    let rawClosed: { code: number } | null = null
    raw.once('close', (code) => {
      rawClosed = { code }
    })
    const ownId = annaId === 424242 ? 434343 : 424242
    raw.send(awarenessFrame(ownId, 1, { cursor: { anchor: 7 }, user: { name: 'Anna' } }))
    const ownAtBram = () => b.provider.awareness.getStates().get(ownId)
    await vi.waitFor(() =>
      expect(ownAtBram()).toMatchObject({ cursor: { anchor: 7 }, user: { name: 'Carla' } }),
    )
    // Then it says Anna left, moves her caret, and moves its own.
    raw.send(awarenessFrame(annaId, 1_000_000, null))
    raw.send(awarenessFrame(annaId, 1_000_001, { cursor: { anchor: 666 }, user: { name: 'Anna' } }))
    raw.send(awarenessFrame(ownId, 2, { cursor: { anchor: 8 } }))
    await vi.waitFor(() =>
      expect(rawClosed !== null || ownAtBram()?.cursor?.anchor === 8).toBe(true),
    )
    await expectRefused(rawClosed)

    // Anna's own presence still counts.
    expect(a.closed).toBeNull()
    a.provider.awareness.setLocalStateField('cursor', { anchor: 4 })
    await vi.waitFor(() =>
      expect(annaAtBram()).toMatchObject({ cursor: { anchor: 4 }, user: { name: 'Anna' } }),
    )
  })
})

describe('organisations and provinces', () => {
  it('[R1] an invitation takes an organisation and one of the twelve provinces', async () => {
    const server = await start()
    for (const province of PROVINCES) {
      const invited = await server.invite({
        name: `Lid uit ${province}`,
        role: 'reviewer',
        proposals: ['voorstel-1'],
        organisation: `Gemeente in ${province}`,
        province,
      })
      expect(invited.person.organisation).toBe(`Gemeente in ${province}`)
    }
    const people = (await server.api<PersonView[]>('/api/people')).body
    for (const province of PROVINCES) {
      expect(people.find((p) => p.name === `Lid uit ${province}`)).toMatchObject({
        organisation: `Gemeente in ${province}`,
        province,
      })
    }
    const zonder = await server.invite({
      name: 'Zonder organisatie',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    expect(zonder.person.organisation).toBeNull()
  })

  it('[R1] an unknown province is 422 naming the field, and nobody is invited', async () => {
    const server = await start()
    const before = await peopleNames(server)
    for (const province of ['Twente', 'noord-holland', 'Friesland', 12]) {
      const answer = await server.api('/api/invites', {
        method: 'POST',
        body: {
          name: 'Piet',
          role: 'reviewer',
          proposals: ['voorstel-1'],
          organisation: 'Gemeente Enschede',
          province,
        },
      })
      const error = expectError(answer, 422, 'validation_failed')
      expect(JSON.stringify(error.details), String(province)).toContain('province')
    }
    expect(await peopleNames(server)).toEqual(before)
    const good = await server.api('/api/invites', {
      method: 'POST',
      body: {
        name: 'Piet',
        role: 'reviewer',
        proposals: ['voorstel-1'],
        organisation: 'Gemeente Enschede',
        province: 'Overijssel',
      },
    })
    expect(good.status).toBe(201)
  })
})
