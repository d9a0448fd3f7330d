import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import {
  adminEditor,
  type Block,
  givePosition,
  inFuture,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
  WAIT,
} from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Round {
  id: string
  proposalId: string
  versionId: string
  versionName: string
  title: string
  closesAt: string
  createdAt: string
  createdBy: { id: string; name: string; organisation: string | null }
  open: boolean
}
interface ErrorBody {
  error: { code: string; details?: { field?: string } }
}

const LINES = ['Eerste passage.', 'Tweede passage.', 'Derde passage.']

let server: TestServer
const editors: HeadlessEditor[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

/** A server with three passages saved as "Consultatieversie". */
async function setUp(options: Parameters<typeof startServer>[0] = {}) {
  server = await startServer(options)
  const editor = await adminEditor(server)
  editors.push(editor)
  editor.editor.commands.insertContent(LINES.map((line) => `<p>${line}</p>`).join(''))
  const blocks = await serverBlocks(server, LINES)
  const versionId = await saveVersion(server, 'Consultatieversie')
  return { editor, blocks, versionId }
}

const member = (name: string, organisation: string | null, province: string | null = null) =>
  server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'], organisation, province })

describe('opening rounds', () => {
  it('[R2] an editor opens a round on a named version; it is listed and announced', async () => {
    const { versionId } = await setUp()
    const rik = await member('Rik', 'Gemeente Urk')
    const socket = connectClient(server.wsUrl, 'voorstel-1', rik.token, { events: true })
    clients.push(socket)
    await socket.synced()
    const closesAt = inFuture()
    const answer = await server.api<Round>(`${P1}/rounds`, {
      method: 'POST',
      body: { versionId, closesAt, title: 'Ledenraadpleging' },
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      id: expect.stringMatching(/^r-/),
      proposalId: 'voorstel-1',
      versionId,
      versionName: 'Consultatieversie',
      title: 'Ledenraadpleging',
      closesAt,
      createdAt: expect.any(String),
      createdBy: { id: 'beheerder', name: 'Beheerder', organisation: 'VNG' },
      open: true,
    })
    await vi.waitFor(
      () => expect(socket.events).toContainEqual({ type: 'round', round: answer.body }),
      WAIT,
    )
    const list = await server.api<Round[]>(`${P1}/rounds`, { token: rik.token })
    expect(list.body).toEqual([answer.body])
    expect((await server.api(`${P1}/rounds/${answer.body.id}`, { token: rik.token })).body).toEqual(
      answer.body,
    )
    const activity = await server.api<Array<{ type: string }>>(`${P1}/activity`)
    expect(activity.body.map((a) => a.type)).toContain('round.opened')
  })

  it('[R2] one open round at a time (409); after closing it the next one opens, newest first', async () => {
    const { versionId } = await setUp()
    const first = await openRound(server, versionId)
    const again = await server.api<ErrorBody>(`${P1}/rounds`, {
      method: 'POST',
      body: { versionId, closesAt: inFuture() },
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')
    const closed = await server.api<Round>(`${P1}/rounds/${first.id}/close`, { method: 'POST' })
    expect(closed.body.open).toBe(false)
    const second = await openRound(server, versionId)
    const list = await server.api<Round[]>(`${P1}/rounds`)
    expect(list.body.map((r) => r.id)).toEqual([second.id, first.id])
  })

  it('[R2][A2] only editors open rounds; the version must be named and the date in the future (422)', async () => {
    const { versionId } = await setUp({ autoVersionAfterMs: 50 })
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals: '*' })
    const byWriter = await server.api(`${P1}/rounds`, {
      method: 'POST',
      token: writer.token,
      body: { versionId, closesAt: inFuture() },
    })
    expect(byWriter.status).toBe(403)
    // An automatic version follows the edit after 50 ms.
    editors[0]!.editor.commands.insertContent('<p>Later.</p>')
    let autoId = ''
    await vi.waitFor(async () => {
      const versions = await server.api<Array<{ id: string; auto: boolean }>>(`${P1}/versions`)
      autoId = versions.body.find((v) => v.auto)?.id ?? ''
      expect(autoId).not.toBe('')
    }, WAIT)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ versionId: autoId, closesAt: inFuture() }, 'versionId'],
      [{ versionId: 'v-onbekend', closesAt: inFuture() }, 'versionId'],
      [{ closesAt: inFuture() }, 'versionId'],
      [{ versionId, closesAt: new Date(Date.now() - 1000).toISOString() }, 'closesAt'],
      [{ versionId, closesAt: 'morgen' }, 'closesAt'],
      [{ versionId, closesAt: inFuture(), title: '' }, 'title'],
    ]
    for (const [body, field] of cases) {
      const answer = await server.api<ErrorBody>(`${P1}/rounds`, { method: 'POST', body })
      expect(answer.status, JSON.stringify(body)).toBe(422)
      expect(answer.body.error.details?.field).toBe(field)
    }
    expect((await server.api<Round[]>(`${P1}/rounds`)).body).toEqual([])
    const round = await openRound(server, versionId)
    expect(round.open).toBe(true)
  })

  it('[R2][R4][R5] checks run in the contract order: 401, 400, 403, 404', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const rik = await member('Rik', 'Gemeente Urk')
    const block = blocks[0]!.blockId
    const paths = [
      `${P1}/rounds`,
      `${P1}/rounds/${round.id}`,
      `${P1}/rounds/${round.id}/summary`,
      `${P1}/rounds/${round.id}/positions/${block}`,
      `${P1}/rounds/${round.id}/reactienota?format=md`,
    ]
    for (const path of paths) {
      expect((await server.api(path, { token: null })).status).toBe(401)
      expect((await server.api(path.replace('voorstel-1', 'Kapot_Id'))).status).toBe(400)
      const other = path.replace('voorstel-1', 'voorstel-2')
      expect((await server.api(other, { token: rik.token })).status).toBe(403)
      expect((await server.api(path.replace('voorstel-1', 'bestaat-niet'))).status).toBe(404)
      expect((await server.api(path, { token: rik.token })).status).toBe(200)
    }
    expect((await server.api(`${P1}/rounds/Kapot_Id`)).status).toBe(400)
    expect((await server.api(`${P1}/rounds/r-onbekend`)).status).toBe(404)
    expect((await server.api(`${P1}/rounds/${round.id}/positions/Kapot_Id`)).status).toBe(400)
    expect((await server.api(`${P1}/rounds/${round.id}/reactienota?format=pdf`)).status).toBe(422)
  })
})

describe('positions', () => {
  it('[R4][R1] two people of one organisation: the latest counts, both stay in the history', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const anna = await member('Anna', 'Gemeente Zwolle', 'Overijssel')
    const bram = await member('Bram', 'Gemeente Zwolle', 'Overijssel')
    const urk = await member('Uri', 'Gemeente Urk', 'Flevoland')
    const block = blocks[1]!.blockId
    const first = await givePosition(server, anna.token, round.id, block, { position: 'akkoord' })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({
      id: expect.stringMatching(/^s-/),
      blockId: block,
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
      position: 'akkoord',
      reason: null,
      person: { id: anna.person.id, name: 'Anna', organisation: 'Gemeente Zwolle' },
      createdAt: expect.any(String),
    })
    const second = await givePosition(server, bram.token, round.id, block, {
      position: 'niet-akkoord',
      reason: 'Te weinig geld voor de uitvoering.',
    })
    expect(second.status).toBe(200)
    await givePosition(server, urk.token, round.id, block, { position: 'akkoord' })

    const positions = await server.api<{
      current: Array<{ organisation: string; position: string; reason: string | null }>
      history: Array<{ person: { name: string }; position: string }>
    }>(`${P1}/rounds/${round.id}/positions/${block}`, { token: urk.token })
    expect(positions.body.current.map((p) => [p.organisation, p.position, p.reason])).toEqual([
      ['Gemeente Urk', 'akkoord', null],
      ['Gemeente Zwolle', 'niet-akkoord', 'Te weinig geld voor de uitvoering.'],
    ])
    expect(positions.body.history.map((p) => [p.person.name, p.position])).toEqual([
      ['Anna', 'akkoord'],
      ['Bram', 'niet-akkoord'],
      ['Uri', 'akkoord'],
    ])
    const summary = await server.api<{
      blocks: Array<{ blockId: string; counts: Record<string, number> }>
    }>(`${P1}/rounds/${round.id}/summary`)
    const counted = summary.body.blocks.find((b) => b.blockId === block)
    expect(counted?.counts).toEqual({
      akkoord: 1,
      'akkoord-mits': 0,
      'niet-akkoord': 1,
      onthouding: 0,
    })
  })

  it('[R4] a condition or objection needs a reason (422 reason_required); agreeing or abstaining does not', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const anna = await member('Anna', 'Gemeente Zwolle')
    const block = blocks[0]!.blockId
    for (const position of ['akkoord-mits', 'niet-akkoord']) {
      for (const reason of [undefined, '', '   ']) {
        const answer = await givePosition(server, anna.token, round.id, block, { position, reason })
        expect(answer.status).toBe(422)
        expect((answer.body as unknown as ErrorBody).error.code).toBe('reason_required')
      }
      const given = await givePosition(server, anna.token, round.id, block, {
        position,
        reason: 'Mits de regio meebeslist.',
      })
      expect(given.status).toBe(200)
    }
    for (const position of ['akkoord', 'onthouding']) {
      expect((await givePosition(server, anna.token, round.id, block, { position })).status).toBe(
        200,
      )
    }
    const wrong = await givePosition(server, anna.token, round.id, block, { position: 'misschien' })
    expect(wrong.status).toBe(422)
    expect((wrong.body as unknown as ErrorBody).error.details?.field).toBe('position')
    const history = await server.api<{ history: unknown[] }>(
      `${P1}/rounds/${round.id}/positions/${block}`,
    )
    expect(history.body.history).toHaveLength(4)
  })

  it('[R4][R1] without an organisation nobody gives a position (403); with one, a reviewer does', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const lone = await member('Lone', null)
    const rik = await member('Rik', 'Gemeente Urk')
    const body = { position: 'akkoord' }
    const refused = await givePosition(server, lone.token, round.id, blocks[0]!.blockId, body)
    expect(refused.status).toBe(403)
    expect((await givePosition(server, rik.token, round.id, blocks[0]!.blockId, body)).status).toBe(
      200,
    )
  })

  it('[R4] after the closing date the round is read-only (409 round_closed)', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId, inFuture(1500))
    const rik = await member('Rik', 'Gemeente Urk')
    const block = blocks[0]!.blockId
    expect(
      (await givePosition(server, rik.token, round.id, block, { position: 'akkoord' })).status,
    ).toBe(200)
    await vi.waitFor(async () => {
      expect((await server.api<Round>(`${P1}/rounds/${round.id}`)).body.open).toBe(false)
    }, WAIT)
    const late = await givePosition(server, rik.token, round.id, block, { position: 'onthouding' })
    expect(late.status).toBe(409)
    expect((late.body as unknown as ErrorBody).error.code).toBe('round_closed')
    const positions = await server.api<{ history: Array<{ position: string }> }>(
      `${P1}/rounds/${round.id}/positions/${block}`,
    )
    expect(positions.body.history.map((p) => p.position)).toEqual(['akkoord'])
  })

  it('[R4] an editor closing a round early makes it read-only at once', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const rik = await member('Rik', 'Gemeente Urk')
    const block = blocks[0]!.blockId
    expect(
      (await server.api(`${P1}/rounds/${round.id}/close`, { method: 'POST', token: rik.token }))
        .status,
    ).toBe(403)
    expect(
      (await givePosition(server, rik.token, round.id, block, { position: 'akkoord' })).status,
    ).toBe(200)
    expect((await server.api(`${P1}/rounds/${round.id}/close`, { method: 'POST' })).status).toBe(
      200,
    )
    const late = await givePosition(server, rik.token, round.id, block, { position: 'akkoord' })
    expect(late.status).toBe(409)
  })

  it("[R4] a passage that is not in the round's version: 404", async () => {
    const { versionId, editor } = await setUp()
    const round = await openRound(server, versionId)
    const rik = await member('Rik', 'Gemeente Urk')
    editor.editor.commands.insertContent('<p>Nieuwe passage na de versie.</p>')
    const now = await serverBlocks(server, [...LINES, 'Nieuwe passage na de versie.'])
    const added = now[3]!.blockId
    const answer = await givePosition(server, rik.token, round.id, added, { position: 'akkoord' })
    expect(answer.status).toBe(404)
    expect((await server.api(`${P1}/rounds/${round.id}/positions/${added}`)).status).toBe(404)
    expect(
      (await givePosition(server, rik.token, round.id, now[0]!.blockId, { position: 'akkoord' }))
        .status,
    ).toBe(200)
  })

  it('[E1] a position reaches the sockets of that proposal with the new counts', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const anna = await member('Anna', 'Gemeente Zwolle')
    const watcher = await server.invite({ name: 'Wil', role: 'reviewer', proposals: '*' })
    const here = connectClient(server.wsUrl, 'voorstel-1', watcher.token, { events: true })
    const elsewhere = connectClient(server.wsUrl, 'voorstel-2', watcher.token, { events: true })
    clients.push(here, elsewhere)
    await Promise.all([here.synced(), elsewhere.synced()])
    const block = blocks[2]!.blockId
    await givePosition(server, anna.token, round.id, block, {
      position: 'akkoord-mits',
      reason: 'Mits',
    })
    await vi.waitFor(
      () =>
        expect(here.events).toContainEqual({
          type: 'position',
          roundId: round.id,
          blockId: block,
          number: '3',
          organisation: 'Gemeente Zwolle',
          counts: { akkoord: 0, 'akkoord-mits': 1, 'niet-akkoord': 0, onthouding: 0 },
          responded: 1,
        }),
      WAIT,
    )
    expect(elsewhere.events.filter((e) => e.type === 'position')).toEqual([])
  })
})

describe('summary', () => {
  it('[R5] counts per passage in text order, per province, and who responded of whom was invited', async () => {
    const { versionId, blocks } = await setUp()
    const round = await openRound(server, versionId)
    const zwolle = await member('Anna', 'Gemeente Zwolle', 'Overijssel')
    await member('Bram', 'Gemeente Zwolle', 'Overijssel')
    const deventer = await member('Dirk', 'Gemeente Deventer', 'Overijssel')
    const urk = await member('Uri', 'Gemeente Urk', 'Flevoland')
    const gone = await member('Gijs', 'Gemeente Ede', 'Gelderland')
    await server.api(`/api/people/${gone.person.id}`, { method: 'DELETE' })
    await server.invite({
      name: 'Els',
      role: 'reviewer',
      proposals: ['voorstel-2'],
      organisation: 'Gemeente Elders',
    })
    const [b1, b2] = blocks as [Block, Block, Block]
    await givePosition(server, zwolle.token, round.id, b1.blockId, { position: 'akkoord' })
    await givePosition(server, deventer.token, round.id, b1.blockId, {
      position: 'niet-akkoord',
      reason: 'Nee',
    })
    await givePosition(server, urk.token, round.id, b1.blockId, { position: 'akkoord' })
    await givePosition(server, urk.token, round.id, b2.blockId, { position: 'onthouding' })

    const summary = await server.api<{
      responded: number
      invited: number
      blocks: Array<{
        blockId: string
        number: string
        excerpt: string
        counts: Record<string, number>
        byProvince: Record<string, Record<string, number>>
        resistance: number
      }>
    }>(`${P1}/rounds/${round.id}/summary`, { token: urk.token })
    expect(summary.status).toBe(200)
    // Zwolle, Deventer, Urk; Ede is revoked, "Elders" may not see voorstel-1, the admin is no person.
    expect(summary.body.invited).toBe(3)
    expect(summary.body.responded).toBe(3)
    expect(summary.body.blocks.map((b) => [b.blockId, b.number, b.excerpt])).toEqual(
      blocks.map((b, i) => [b.blockId, String(i + 1), b.text]),
    )
    const [first, second, third] = summary.body.blocks
    expect(first!.counts).toEqual({
      akkoord: 2,
      'akkoord-mits': 0,
      'niet-akkoord': 1,
      onthouding: 0,
    })
    expect(first!.byProvince).toEqual({
      Overijssel: { akkoord: 1, 'akkoord-mits': 0, 'niet-akkoord': 1, onthouding: 0 },
      Flevoland: { akkoord: 1, 'akkoord-mits': 0, 'niet-akkoord': 0, onthouding: 0 },
    })
    expect(first!.resistance).toBeCloseTo(1 / 3)
    expect(second!.counts.onthouding).toBe(1)
    expect(third!.counts).toEqual({
      akkoord: 0,
      'akkoord-mits': 0,
      'niet-akkoord': 0,
      onthouding: 0,
    })
    expect(third!.byProvince).toEqual({})

    const open = await server.api<Array<{ id: string; responded: number; invited: number }>>(
      '/api/rounds',
      { token: urk.token },
    )
    expect(open.body).toEqual([expect.objectContaining({ id: round.id, responded: 3, invited: 3 })])
  })
})
