import { afterEach, describe, expect, it } from 'vitest'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import {
  adminEditor,
  givePosition,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
} from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface PositionView {
  id: string
  organisation: string
  position: string
  reason: string | null
  person: { name: string }
}
interface Conflict {
  error: { code: string; message: string; details: { field: string; current: PositionView } }
}

let server: TestServer
let editor: HeadlessEditor | undefined

afterEach(async () => {
  editor?.destroy()
  await server?.close()
})

/** A round on two passages, and two people of Gemeente Zwolle. */
async function setUp() {
  server = await startServer()
  editor = await adminEditor(server)
  editor.editor.commands.insertContent('<p>Eerste passage.</p><p>Tweede passage.</p>')
  const blocks = await serverBlocks(server, ['Eerste passage.', 'Tweede passage.'])
  const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
  const zwolle = (name: string) =>
    server.invite({
      ...{ name, role: 'reviewer', proposals: ['voorstel-1'] },
      ...{ organisation: 'Gemeente Zwolle', province: 'Overijssel' },
    })
  return {
    round,
    block: blocks[0]!.blockId,
    mark: await zwolle('Mark'),
    anna: await zwolle('Anna'),
  }
}

const history = async (roundId: string, blockId: string) =>
  (
    await server.api<{ current: PositionView[]; history: PositionView[] }>(
      `${P1}/rounds/${roundId}/positions/${blockId}`,
    )
  ).body

describe('replacing a colleague’s position (R4)', () => {
  it('[R4][R1] a position that names the one it replaces is refused (409 conflict) when a colleague gave another meanwhile; with the right one it counts', async () => {
    const { round, block, mark, anna } = await setUp()
    const first = await givePosition(server, mark.token, round.id, block, {
      position: 'akkoord',
      replaces: null,
    })
    expect(first.status).toBe(200)
    const markId = first.body.id as string

    // Anna saw no position yet: hers would silently replace Mark's.
    const unseen = await givePosition(server, anna.token, round.id, block, {
      position: 'niet-akkoord',
      reason: 'Te weinig geld.',
      replaces: null,
    })
    expect(unseen.status).toBe(409)
    const conflict = unseen.body as unknown as Conflict
    expect(conflict.error.code).toBe('conflict')
    expect(conflict.error.message).toBe(
      'Mark van Gemeente Zwolle gaf intussen ‘Akkoord’. Bekijk het en kies of u het vervangt.',
    )
    expect(conflict.error.details.current).toMatchObject({
      id: markId,
      organisation: 'Gemeente Zwolle',
      position: 'akkoord',
      person: { name: 'Mark' },
    })
    expect((await history(round.id, block)).history).toHaveLength(1)

    // Having seen Mark's, she replaces it; both stay in the history, each with its person.
    const replaced = await givePosition(server, anna.token, round.id, block, {
      position: 'niet-akkoord',
      reason: 'Te weinig geld.',
      replaces: markId,
    })
    expect(replaced.status).toBe(200)
    const after = await history(round.id, block)
    expect(after.current.map((p) => [p.organisation, p.position, p.person.name])).toEqual([
      ['Gemeente Zwolle', 'niet-akkoord', 'Anna'],
    ])
    expect(after.history.map((p) => [p.position, p.person.name])).toEqual([
      ['akkoord', 'Mark'],
      ['niet-akkoord', 'Anna'],
    ])

    // Mark, still looking at his own, is now the one who is asked.
    const stale = await givePosition(server, mark.token, round.id, block, {
      position: 'onthouding',
      replaces: markId,
    })
    expect(stale.status).toBe(409)
    expect((stale.body as unknown as Conflict).error.details.current.person.name).toBe('Anna')
    // Without `replaces` nothing is checked: the latest counts (R4 as before).
    const plain = await givePosition(server, mark.token, round.id, block, {
      position: 'onthouding',
    })
    expect(plain.status).toBe(200)
    expect((await history(round.id, block)).history).toHaveLength(3)
  })

  it('[R4] two colleagues saving at the same moment over the same position: one counts, the other is asked', async () => {
    const { round, block, mark, anna } = await setUp()
    const answers = await Promise.all(
      [mark, anna].map((who, i) =>
        givePosition(server, who.token, round.id, block, {
          position: i === 0 ? 'akkoord' : 'onthouding',
          replaces: null,
        }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const stored = await history(round.id, block)
    expect(stored.history).toHaveLength(1)
    const winner = answers.find((a) => a.status === 200)!.body
    expect(stored.current[0]!.id).toBe(winner.id)
  })

  it('[R4] `replaces` must be an id or null (422), and positions stored without an id still have one', async () => {
    const { round, block, mark } = await setUp()
    const wrong = await givePosition(server, mark.token, round.id, block, {
      position: 'akkoord',
      replaces: 7,
    })
    expect(wrong.status).toBe(422)
    expect((wrong.body as unknown as Conflict).error.details.field).toBe('replaces')
    // A position as an older server stored it: no id of its own.
    await server.server.services.storage.rounds.addPosition('voorstel-1', {
      ...{ roundId: round.id, blockId: block, organisation: 'Gemeente Zwolle' },
      ...{ province: 'Overijssel', position: 'akkoord', reason: null },
      ...{ personId: mark.person.id, createdAt: new Date().toISOString() },
    })
    await server.restart()
    const [legacy] = (await history(round.id, block)).current
    expect(legacy!.id).toMatch(/^s-[0-9a-f]{16}$/)
    expect((await history(round.id, block)).current[0]!.id).toBe(legacy!.id)
    const over = await givePosition(server, mark.token, round.id, block, {
      position: 'onthouding',
      replaces: legacy!.id,
    })
    expect(over.status).toBe(200)
  })
})
