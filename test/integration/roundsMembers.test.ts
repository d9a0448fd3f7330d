import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import {
  adminEditor,
  givePosition,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
  WAIT,
} from '../helpers/rounds.ts'
import { type InviteInput, startServer, type TestServer } from '../helpers/server.ts'

interface Summary {
  responded: number
  invited: number
  organisations: Array<{ organisation: string; province: string | null; responded: boolean }>
}

let server: TestServer
let editor: HeadlessEditor | undefined
const clients: TestClient[] = []

afterEach(async () => {
  editor?.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

describe('member organisations of a round (R5)', () => {
  it('[R5] editors of the VNG are no member; writers and members of municipalities are; a revoke after an answer keeps the answer counted', async () => {
    server = await startServer()
    editor = await adminEditor(server)
    editor.editor.commands.insertContent('<p>Eerste passage.</p><p>Tweede passage.</p>')
    const [first] = await serverBlocks(server, ['Eerste passage.', 'Tweede passage.'])
    const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
    const invite = (input: Omit<InviteInput, 'proposals'>) =>
      server.invite({ ...input, proposals: ['voorstel-1'] })
    // The VNG: an editor, a writer of its own, and an editor whose organisation is spelt otherwise.
    const eva = await invite({ name: 'Eva', role: 'editor', organisation: 'VNG' })
    await invite({ name: 'Vera', role: 'writer', organisation: 'vng ' })
    await invite({ name: 'Rob', role: 'editor', organisation: 'VNG-redactie' })
    // Members: a writer of Zwolle, two reviewers of Zwolle, Deventer, Urk, Ede.
    const wies = await invite({
      ...{ name: 'Wies', role: 'writer' },
      ...{ organisation: 'Gemeente Zwolle', province: 'Overijssel' },
    })
    await invite({
      ...{ name: 'Anna', role: 'reviewer' },
      ...{ organisation: 'Gemeente Zwolle', province: 'Overijssel' },
    })
    await invite({
      ...{ name: 'Dirk', role: 'reviewer' },
      ...{ organisation: 'Gemeente Deventer', province: 'Overijssel' },
    })
    const uri = await invite({
      ...{ name: 'Uri', role: 'reviewer' },
      ...{ organisation: 'Gemeente Urk', province: 'Flevoland' },
    })
    const eef = await invite({
      ...{ name: 'Eef', role: 'reviewer' },
      ...{ organisation: 'Gemeente Ede', province: 'Gelderland' },
    })
    const watcher = connectClient(server.wsUrl, 'voorstel-1', eva.token, { events: true })
    clients.push(watcher)
    await watcher.synced()

    const summary = async () =>
      (await server.api<Summary>(`${P1}/rounds/${round.id}/summary`, { token: uri.token })).body
    const before = await summary()
    expect([before.responded, before.invited]).toEqual([0, 4])
    expect(before.organisations).toEqual([
      { organisation: 'Gemeente Deventer', province: 'Overijssel', responded: false },
      { organisation: 'Gemeente Ede', province: 'Gelderland', responded: false },
      { organisation: 'Gemeente Urk', province: 'Flevoland', responded: false },
      { organisation: 'Gemeente Zwolle', province: 'Overijssel', responded: false },
    ])

    // The VNG's own position is no response of a member; a writer's of Zwolle is.
    const block = first!.blockId
    expect(
      (await givePosition(server, eva.token, round.id, block, { position: 'akkoord' })).status,
    ).toBe(200)
    expect((await summary()).responded).toBe(0)
    await givePosition(server, wies.token, round.id, block, { position: 'akkoord' })
    await givePosition(server, eef.token, round.id, block, { position: 'onthouding' })
    const during = await summary()
    expect([during.responded, during.invited]).toEqual([2, 4])
    // The event says the same number to open editors (E1).
    await vi.waitFor(
      () =>
        expect(watcher.events.filter((e) => e.type === 'position').map((e) => e.responded)).toEqual(
          [0, 1, 2],
        ),
      WAIT,
    )

    // Ede's only person is revoked after answering: Ede still answered, and stays counted.
    // Urk's only person is revoked before answering: Urk is no longer invited.
    await server.api(`/api/people/${eef.person.id}`, { method: 'DELETE' })
    await server.api(`/api/people/${uri.person.id}`, { method: 'DELETE' })
    const after = (await server.api<Summary>(`${P1}/rounds/${round.id}/summary`)).body
    expect([after.responded, after.invited]).toEqual([2, 3])
    expect(after.organisations).toEqual([
      { organisation: 'Gemeente Deventer', province: 'Overijssel', responded: false },
      { organisation: 'Gemeente Ede', province: 'Gelderland', responded: true },
      { organisation: 'Gemeente Zwolle', province: 'Overijssel', responded: true },
    ])
    const open =
      await server.api<Array<{ id: string; responded: number; invited: number }>>('/api/rounds')
    expect(open.body).toEqual([expect.objectContaining({ id: round.id, responded: 2, invited: 3 })])
  })
})
