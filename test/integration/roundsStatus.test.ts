import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { adminEditor, inFuture, P1, saveVersion, serverBlocks, WAIT } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Round {
  id: string
  title: string
  closesAt: string
  open: boolean
}
interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string } }
}

let server: TestServer
let editor: HeadlessEditor | undefined
const clients: TestClient[] = []

afterEach(async () => {
  editor?.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

async function setUp() {
  server = await startServer()
  editor = await adminEditor(server)
  editor.editor.commands.insertContent('<p>Eerste passage.</p>')
  await serverBlocks(server, ['Eerste passage.'])
  const versionId = await saveVersion(server, 'Consultatieversie')
  const watcher = connectClient(server.wsUrl, 'voorstel-1', server.adminToken, { events: true })
  clients.push(watcher)
  await watcher.synced()
  return { versionId, watcher }
}

const open = (body: Record<string, unknown>) =>
  server.api<Round & ErrorBody>(`${P1}/rounds`, { method: 'POST', body })
const status = async () => (await server.api<{ status: string }>(P1)).body.status
const setStatus = (value: string) =>
  server.api<{ status: string }>(P1, { method: 'PATCH', body: { status: value } })

describe('rounds and the status of a proposal (R8)', () => {
  it('[R8][H4][E1] opening a round on a concept makes it consultatie, told to open editors and noted; on definitief the status stays', async () => {
    const { versionId, watcher } = await setUp()
    expect(await status()).toBe('concept')
    const first = await open({ versionId, closesAt: inFuture() })
    expect(first.status).toBe(201)
    expect(first.body.title).toBe('Consultatie 1')
    expect(await status()).toBe('consultatie')
    await vi.waitFor(
      () =>
        expect(watcher.events).toContainEqual(
          expect.objectContaining({ type: 'status', status: 'consultatie' }),
        ),
      WAIT,
    )
    const activity = await server.api<Array<{ type: string; details: Record<string, unknown> }>>(
      `${P1}/activity`,
    )
    expect(activity.body.map((a) => a.type).slice(0, 2)).toEqual(['status.changed', 'round.opened'])
    expect(activity.body[0]!.details).toEqual({ from: 'concept', to: 'consultatie' })

    await server.api(`${P1}/rounds/${first.body.id}/close`, { method: 'POST' })
    expect((await setStatus('definitief')).status).toBe(200)
    const second = await open({ versionId, closesAt: inFuture() })
    expect(second.status).toBe(201)
    expect(second.body.title).toBe('Consultatie 2')
    expect(await status()).toBe('definitief')
  })

  it('[R8][H4] no round opens on a vastgesteld proposal (409 frozen, nothing made); after another status it does', async () => {
    const { versionId } = await setUp()
    await setStatus('vastgesteld')
    const refused = await open({ versionId, closesAt: inFuture() })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('frozen')
    expect((await server.api<Round[]>(`${P1}/rounds`)).body).toEqual([])
    expect(await status()).toBe('vastgesteld')
    await setStatus('concept')
    expect((await open({ versionId, closesAt: inFuture() })).status).toBe(201)
  })

  it('[R8][E1] making the text vastgesteld closes its open round at once, and the round event says so', async () => {
    const { versionId, watcher } = await setUp()
    const round = (await open({ versionId, closesAt: inFuture() })).body
    expect(round.open).toBe(true)
    expect((await setStatus('vastgesteld')).body.status).toBe('vastgesteld')
    const closed = (await server.api<Round>(`${P1}/rounds/${round.id}`)).body
    expect(closed.open).toBe(false)
    await vi.waitFor(
      () =>
        expect(watcher.events).toContainEqual({
          type: 'round',
          round: expect.objectContaining({ id: round.id, open: false }),
        }),
      WAIT,
    )
    // The twin: another status change leaves an open round open.
    await setStatus('concept')
    const next = (await open({ versionId, closesAt: inFuture() })).body
    await setStatus('definitief')
    expect((await server.api<Round>(`${P1}/rounds/${next.id}`)).body.open).toBe(true)
  })

  it('[R8] a closing date without a time is the end of that day in the Netherlands, in summer and winter time', async () => {
    const { versionId } = await setUp()
    const year = new Date().getUTCFullYear() + 1
    const summer = await open({ versionId, closesAt: `${year}-03-31` })
    expect(summer.status).toBe(201)
    expect(summer.body.closesAt).toBe(`${year}-03-31T21:59:59.999Z`)
    await server.api(`${P1}/rounds/${summer.body.id}/close`, { method: 'POST' })
    const winter = await open({ versionId, closesAt: `${year}-01-15` })
    expect(winter.body.closesAt).toBe(`${year}-01-15T22:59:59.999Z`)
    await server.api(`${P1}/rounds/${winter.body.id}/close`, { method: 'POST' })
    // A time with a zone is taken as it is.
    const exact = await open({ versionId, closesAt: `${year}-03-31T12:00:00+02:00` })
    expect(exact.body.closesAt).toBe(`${year}-03-31T10:00:00.000Z`)
    await server.api(`${P1}/rounds/${exact.body.id}/close`, { method: 'POST' })
    for (const wrong of [`${year}-02-30`, '31-03-2027', `${year - 2}-03-31`]) {
      const answer = await open({ versionId, closesAt: wrong })
      expect(answer.status, wrong).toBe(422)
      expect(answer.body.error.details?.field).toBe('closesAt')
    }
  })
})
