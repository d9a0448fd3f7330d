/**
 * The HTTP API's conventions and routes (contract: conventions, H1–H5) against the
 * real server: JSON in and out, the error body, the order of checks, proposals and
 * their content as a real y-websocket client writes it, body limits and rate limits.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type ApiAnswer, startServer, type TestServer } from '../helpers/server.ts'

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

interface ProposalView {
  id: string
  title: string
  status: string
  updatedAt: string
  openThreads: number
}

interface Content {
  id: string
  title: string
  status: string
  doc: { type: string; content?: Array<{ type: string }> }
  text: string
}

const MiB = 1024 * 1024
const SEVEN = Array.from({ length: 7 }, (_, i) => `voorstel-${i + 1}`)

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options)
  cleanups.push(() => server.close())
  return server
}

function client(server: TestServer, proposal: string, token: string): TestClient {
  const c = connectClient(server.wsUrl, proposal, token)
  cleanups.push(() => c.destroy())
  return c
}

/** Words that Dutch error messages cannot do without, and English ones would not use. */
const DUTCH_WORDS =
  /\b(je|jij|jouw|dit|deze|de|het|een|niet|geen|is|te|van|of|en|op|voor|met|bestaat|ongeldig|kies|vul|geef)\b/i

/** Asserts the contract's error body: a stable code and a Dutch message. */
function expectError(answer: ApiAnswer, status: number, code: string): ErrorBody['error'] {
  const body = answer.body as ErrorBody
  expect({ status: answer.status, code: body?.error?.code }).toEqual({ status, code })
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message).toMatch(DUTCH_WORDS)
  return body.error
}

/** True when a 422's `details` names `field` (as a key or as a value). */
function namesField(details: Record<string, unknown> | undefined, field: string): boolean {
  if (!details) return false
  return field in details || Object.values(details).includes(field)
}

const isoUtc = (value: unknown) =>
  typeof value === 'string' && new Date(value).toISOString() === value

async function proposalIds(server: TestServer, token = server.adminToken): Promise<string[]> {
  const answer = await server.api<ProposalView[]>('/api/proposals', { token })
  expect(answer.status).toBe(200)
  return answer.body.map((p) => p.id)
}

/** A Tiptap-shaped element: `XmlElement(name)` holding child elements or one text. */
function element(
  name: string,
  children: Array<Y.XmlElement | string>,
  attributes: Record<string, unknown> = {},
): Y.XmlElement {
  const node = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string)
  node.insert(
    0,
    children.map((child) => {
      if (typeof child !== 'string') return child
      const text = new Y.XmlText()
      text.insert(0, child)
      return text
    }),
  )
  return node
}

describe('conventions', () => {
  it('[H1] /healthz answers 200 {"ok": true} without a token, where the API answers 401', async () => {
    const server = await start()
    const health = await server.api('/healthz', { token: null })
    expect(health.status).toBe(200)
    expect(health.headers.get('content-type')).toMatch(/^application\/json/)
    expect(health.body).toEqual({ ok: true })
    expectError(await server.api('/api/proposals', { token: null }), 401, 'unauthorized')
  })

  it('[A1] an unknown or malformed token is 401 unauthorized, a known one in the Bearer header is let in', async () => {
    const server = await start()
    expectError(
      await server.api('/api/proposals', { token: 'onbekend-token' }),
      401,
      'unauthorized',
    )
    const basic = await server.api('/api/proposals', {
      token: null,
      headers: { authorization: `Basic ${server.adminToken}` },
    })
    expectError(basic, 401, 'unauthorized')
    expect((await server.api('/api/proposals')).status).toBe(200)
  })

  it('[A1][H3] order of checks over HTTP: 401 before 400 before 403 before 404', async () => {
    const server = await start()
    const listed = await server.invite({ name: 'Lies', role: 'writer', proposals: ['voorstel-1'] })
    const cases: Array<[label: string, token: string | null, id: string, expected: number]> = [
      ['no token, malformed id', null, 'Voorstel_1', 401],
      ['no token, unknown proposal', null, 'voorstel-99', 401],
      ['unknown token, known proposal', 'geen-bestaand-token', 'voorstel-1', 401],
      ['list token, malformed id', listed.token, 'Voorstel_1', 400],
      ['list token, known proposal outside the list', listed.token, 'voorstel-2', 403],
      ['list token, unknown proposal', listed.token, 'voorstel-99', 403],
      ['"*" token, malformed id', server.adminToken, 'Voorstel_1', 400],
      ['"*" token, unknown proposal', server.adminToken, 'voorstel-99', 404],
      ['list token, its own proposal', listed.token, 'voorstel-1', 200],
      ['"*" token, known proposal', server.adminToken, 'voorstel-2', 200],
    ]
    const codes = {
      400: 'bad_request',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_found',
    } as const
    const seen: Array<[string, number]> = []
    for (const [label, token, id, expected] of cases) {
      const answer = await server.api(`/api/proposals/${id}/content`, { token })
      seen.push([label, answer.status])
      if (expected !== 200) expectError(answer, expected, codes[expected as keyof typeof codes])
    }
    expect(seen).toEqual(cases.map(([label, , , expected]) => [label, expected]))
  })

  it('[A1] a path with broken percent-encoding is 401 without a token and 400 bad_request with one', async () => {
    const server = await start()
    expectError(
      await server.api('/api/proposals/%E0%A4%A/content', { token: null }),
      401,
      'unauthorized',
    )
    expectError(await server.api('/api/proposals/%E0%A4%A/content'), 400, 'bad_request')
    expect((await server.api('/api/proposals/voorstel%2D1/content')).status).toBe(200)
  })

  it('[H2] malformed JSON is 400 bad_request and creates nothing; the same request as JSON creates', async () => {
    const server = await start()
    const before = await proposalIds(server)
    const broken = await server.api('/api/proposals', {
      method: 'POST',
      raw: '{"title": "Kapotte JSON",',
      headers: { 'content-type': 'application/json' },
    })
    expectError(broken, 400, 'bad_request')
    const array = await server.api('/api/proposals', {
      method: 'POST',
      body: [{ title: 'Een lijst' }],
    })
    expectError(array, 400, 'bad_request')
    expect(await proposalIds(server)).toEqual(before)

    const created = await server.api<ProposalView>('/api/proposals', {
      method: 'POST',
      raw: '{"title": "Kapotte JSON"}',
      headers: { 'content-type': 'application/json' },
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await proposalIds(server)).toEqual([...before, created.body.id])
  })

  it('[H2] a wrong field is 422 validation_failed with details naming it; a right one is accepted', async () => {
    const server = await start()
    const before = await proposalIds(server)
    for (const body of [
      {},
      { title: '' },
      { title: '   ' },
      { title: 42 },
      { title: 'x'.repeat(1000) },
    ]) {
      const error = expectError(
        await server.api('/api/proposals', { method: 'POST', body }),
        422,
        'validation_failed',
      )
      expect(namesField(error.details, 'title'), JSON.stringify(error.details)).toBe(true)
    }
    expect(await proposalIds(server)).toEqual(before)
    expect(
      (await server.api('/api/proposals', { method: 'POST', body: { title: 'Goede titel' } }))
        .status,
    ).toBe(201)
  })

  it('[H2] an unknown API path is 404 not_found in the error body', async () => {
    const server = await start()
    expectError(await server.api('/api/bestaat-niet'), 404, 'not_found')
  })
})

describe('proposals', () => {
  it('[H2][P4] the list shows only the proposals the token may see, as {id, title, status, updatedAt, openThreads}', async () => {
    const server = await start()
    const lid = await server.invite({
      name: 'Lotte',
      role: 'reviewer',
      proposals: ['voorstel-2', 'voorstel-5'],
    })

    const all = await server.api<ProposalView[]>('/api/proposals')
    expect(all.status).toBe(200)
    expect(all.headers.get('content-type')).toMatch(/^application\/json/)
    expect(all.body.map((p) => p.id).sort()).toEqual([...SEVEN].sort())

    const mine = await server.api<ProposalView[]>('/api/proposals', { token: lid.token })
    expect(mine.status).toBe(200)
    expect(mine.body.map((p) => p.id).sort()).toEqual(['voorstel-2', 'voorstel-5'])
    for (const proposal of mine.body) {
      expect(proposal).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        status: 'concept',
        openThreads: 0,
      })
      expect(isoUtc(proposal.updatedAt), proposal.updatedAt).toBe(true)
    }
    expect(mine.body.find((p) => p.id === 'voorstel-2')?.title).toBe('Voorstel 2')
  })

  it('[H2] POST /api/proposals answers 201 with the proposal and an id made from its title', async () => {
    const server = await start()
    const create = (title: string) =>
      server.api<ProposalView>('/api/proposals', { method: 'POST', body: { title } })

    const first = await create('Één Overheid & Gemeenten')
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      id: 'een-overheid-gemeenten',
      title: 'Één Overheid & Gemeenten',
      status: 'concept',
    })
    expect(isoUtc(first.body.updatedAt)).toBe(true)
    expect((await create('Voorstel 1')).body.id).toBe('voorstel-1-2')
    expect((await create('Voorstel 1')).body.id).toBe('voorstel-1-3')
    expect((await create('Samen sterk in Fryslân')).body.id).toBe('samen-sterk-in-fryslan')
    expect((await create('Één overheid, gemeenten!')).body.id).toBe('een-overheid-gemeenten-2')

    expect(await proposalIds(server)).toEqual(
      expect.arrayContaining([
        'een-overheid-gemeenten',
        'voorstel-1-2',
        'voorstel-1-3',
        'een-overheid-gemeenten-2',
      ]),
    )
    const content = await server.api<Content>('/api/proposals/voorstel-1-2/content')
    expect(content.status).toBe(200)
    expect(content.body).toMatchObject({
      id: 'voorstel-1-2',
      title: 'Voorstel 1',
      status: 'concept',
      text: '',
    })
    // The original keeps its title.
    const original = await server.api<Content>('/api/proposals/voorstel-1/content')
    expect(original.body.title).toBe('Voorstel 1')
  })

  it('[H2][H4] PATCH changes title and status (200 with the proposal); a wrong status is 422 and changes nothing', async () => {
    const server = await start()
    const changed = await server.api<ProposalView>('/api/proposals/voorstel-3', {
      method: 'PATCH',
      body: { title: 'Sterke gemeenten', status: 'consultatie' },
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({
      id: 'voorstel-3',
      title: 'Sterke gemeenten',
      status: 'consultatie',
    })
    const listed = (await server.api<ProposalView[]>('/api/proposals')).body.find(
      (p) => p.id === 'voorstel-3',
    )
    expect(listed).toMatchObject({ title: 'Sterke gemeenten', status: 'consultatie' })

    const wrong = await server.api('/api/proposals/voorstel-3', {
      method: 'PATCH',
      body: { title: 'Iets anders', status: 'klaar' },
    })
    const error = expectError(wrong, 422, 'validation_failed')
    expect(namesField(error.details, 'status'), JSON.stringify(error.details)).toBe(true)
    const emptyTitle = await server.api('/api/proposals/voorstel-3', {
      method: 'PATCH',
      body: { title: ' ' },
    })
    expect(namesField(expectError(emptyTitle, 422, 'validation_failed').details, 'title')).toBe(
      true,
    )
    const after = await server.api<Content>('/api/proposals/voorstel-3/content')
    expect(after.body).toMatchObject({ title: 'Sterke gemeenten', status: 'consultatie' })

    for (const status of ['concept', 'consultatie', 'definitief', 'vastgesteld', 'concept']) {
      const answer = await server.api<ProposalView>('/api/proposals/voorstel-3', {
        method: 'PATCH',
        body: { status },
      })
      expect(answer.status, status).toBe(200)
      expect(answer.body.status).toBe(status)
    }
  })

  it('[H3] content is {id, title, status, doc, text} with one line per textblock, also inside lists and quotes', async () => {
    const server = await start()
    const writer = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-4'] })
    const w = client(server, 'voorstel-4', writer.token)
    await w.synced()
    const fragment = w.doc.getXmlFragment('default')
    w.doc.transact(() => {
      fragment.insert(0, [
        element('heading', ['Ambitie'], { level: 1 }),
        element('paragraph', ['Gemeenten werken samen.']),
        element('bulletList', [
          element('listItem', [element('paragraph', ['Eerste punt'])]),
          element('listItem', [
            element('paragraph', ['Tweede punt']),
            element('bulletList', [element('listItem', [element('paragraph', ['Dieper punt'])])]),
          ]),
        ]),
        element('orderedList', [element('listItem', [element('paragraph', ['Genummerd'])])], {
          start: 1,
        }),
        element('blockquote', [
          element('paragraph', ['Een citaat']),
          element('heading', ['Kop in citaat'], { level: 2 }),
        ]),
        element('paragraph', ['Slot']),
      ])
    })
    const expected = [
      'Ambitie',
      'Gemeenten werken samen.',
      'Eerste punt',
      'Tweede punt',
      'Dieper punt',
      'Genummerd',
      'Een citaat',
      'Kop in citaat',
      'Slot',
    ].join('\n')
    await vi.waitFor(async () => {
      const content = await server.api<Content>('/api/proposals/voorstel-4/content', {
        token: writer.token,
      })
      expect(content.body.text).toBe(expected)
    })
    const content = await server.api<Content>('/api/proposals/voorstel-4/content', {
      token: writer.token,
    })
    expect(content.status).toBe(200)
    expect(Object.keys(content.body).sort()).toEqual(['doc', 'id', 'status', 'text', 'title'])
    expect(content.body).toMatchObject({ id: 'voorstel-4', title: 'Voorstel 4', status: 'concept' })
    expect(content.body.doc.type).toBe('doc')
    expect(content.body.doc.content?.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'orderedList',
      'blockquote',
      'paragraph',
    ])
  })
})

describe('limits', () => {
  it('[H5] a body over 1 MiB is 413 and changes nothing; a body of exactly 1 MiB is read', async () => {
    const server = await start()
    const before = await proposalIds(server)
    /** `{"title":"…","toelichting":"xxx…"}` of exactly `bytes` bytes. */
    const bodyOf = (title: string, bytes: number) => {
      const head = `{"title":"${title}","toelichting":"`
      return `${head}${'x'.repeat(bytes - head.length - 2)}"}`
    }
    const post = (raw: BodyInit) =>
      server.api<ProposalView>('/api/proposals', {
        method: 'POST',
        raw,
        headers: { 'content-type': 'application/json' },
      })

    expectError(await post(bodyOf('Te groot', MiB + 1)), 413, 'payload_too_large')
    // Without Content-Length (chunked), the limit holds while reading.
    const chunks = new TextEncoder().encode(bodyOf('Te groot gestroomd', 2 * MiB))
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < chunks.length; at += 64 * 1024)
          controller.enqueue(chunks.slice(at, at + 64 * 1024))
        controller.close()
      },
    })
    const streamed = await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(((await streamed.json()) as ErrorBody).error.code).toBe('payload_too_large')

    const patch = await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      raw: bodyOf('Hernoemd', MiB + 100),
      headers: { 'content-type': 'application/json' },
    })
    expectError(patch, 413, 'payload_too_large')
    expect(await proposalIds(server)).toEqual(before)
    expect((await server.api<Content>('/api/proposals/voorstel-1/content')).body.title).toBe(
      'Voorstel 1',
    )

    const exact = await post(bodyOf('Precies groot genoeg', MiB))
    expect(exact.status).toBe(201)
    expect(exact.body.id).toBe('precies-groot-genoeg')
  })

  it('[H5] past its limit a token gets 429 with Retry-After and changes nothing; other tokens are unaffected', async () => {
    const server = await start({ rateLimit: { burst: 4, perSecond: 0.01 } })
    const anna = await server.invite({ name: 'Anna', role: 'editor', proposals: '*' })
    const bram = await server.invite({ name: 'Bram', role: 'editor', proposals: '*' })
    for (let n = 0; n < 4; n++)
      expect((await server.api('/api/proposals', { token: anna.token })).status).toBe(200)

    const limited = await server.api('/api/proposals', {
      method: 'POST',
      token: anna.token,
      body: { title: 'Te snel' },
    })
    expectError(limited, 429, 'rate_limited')
    const retryAfter = Number(limited.headers.get('retry-after'))
    expect(
      Number.isInteger(retryAfter) && retryAfter >= 1,
      String(limited.headers.get('retry-after')),
    ).toBe(true)
    expect(await proposalIds(server, bram.token)).not.toContain('te-snel')

    const other = await server.api<ProposalView>('/api/proposals', {
      method: 'POST',
      token: bram.token,
      body: { title: 'Te snel' },
    })
    expect(other.status).toBe(201)
    expect(other.body.id).toBe('te-snel')
    expect((await server.api('/healthz', { token: null })).status).toBe(200)
  })
})
