/**
 * Many downloads of one reactienota at once share the work (one model per
 * moment, one DOCX per content), yet none gets a reactienota older than its
 * request: what was given or written before a download was asked is in it.
 */
import mammoth from 'mammoth'
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

let server: TestServer
let editor: HeadlessEditor

afterEach(async () => {
  editor?.destroy()
  await server?.close()
})

/** A round on two passages, two member organisations invited. */
async function openedRound() {
  // A gap longer than a build here: later downloads really wait for, and share, the next build.
  server = await startServer({ memorandumGapMs: 300 })
  editor = await adminEditor(server)
  editor.editor.commands.insertContent('<h1>Omkering</h1><p>Gemeenten nemen het voortouw.</p>')
  const [, lead] = await serverBlocks(server, ['Omkering', 'Gemeenten nemen het voortouw.'])
  const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
  const invite = (name: string, organisation: string) =>
    server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'], organisation })
  return {
    round,
    blockId: lead!.blockId,
    zwolle: await invite('Anna', 'Gemeente Zwolle'),
    urk: await invite('Uri', 'Gemeente Urk'),
  }
}

async function download(roundId: string, format: 'docx' | 'md') {
  const answer = await fetch(`${server.url}${P1}/rounds/${roundId}/reactienota?format=${format}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  })
  expect(answer.status).toBe(200)
  const buffer = Buffer.from(await answer.arrayBuffer())
  if (format === 'md') return buffer.toString('utf8')
  return (await mammoth.extractRawText({ buffer })).value
}

describe('downloads of a reactienota that arrive together', () => {
  it('[R7] each holds what was given before it was asked, while twenty downloads are under way', async () => {
    const { round, blockId, zwolle, urk } = await openedRound()
    const first = await givePosition(server, zwolle.token, round.id, blockId, {
      position: 'akkoord-mits',
      reason: 'Mits er geld komt.',
    })
    expect(first.status).toBe(200)
    const burst = Array.from({ length: 20 }, () => download(round.id, 'docx'))
    const during = await givePosition(server, urk.token, round.id, blockId, {
      position: 'niet-akkoord',
      reason: 'Te vaag over de provincie.',
    })
    expect(during.status).toBe(200)
    // Asked after that position was given: it must be in, whatever builds are under way.
    const after = await download(round.id, 'docx')
    expect(after).toContain('Mits er geld komt.')
    expect(after).toContain('Te vaag over de provincie.')
    // The downloads asked before it all answer, each with what was there when asked.
    for (const text of await Promise.all(burst)) expect(text).toContain('Mits er geld komt.')
  })

  it('[R7] a reply and a decision on a thread are in the next download, the earlier one keeps what it had', async () => {
    const { round, zwolle } = await openedRound()
    const thread = await server.api<{ id: string }>(`${P1}/threads`, {
      method: 'POST',
      token: zwolle.token,
      body: { body: 'Wie betaalt dit?', quote: 'voortouw' },
    })
    expect(thread.status).toBeLessThan(300)
    const before = await download(round.id, 'md')
    expect(before).toContain('Wie betaalt dit?')
    const reply = await server.api(`${P1}/threads/${thread.body.id}/comments`, {
      method: 'POST',
      body: { body: 'Het Rijk, zie paragraaf 3.' },
    })
    expect(reply.status).toBeLessThan(300)
    const resolved = await server.api(`${P1}/threads/${thread.body.id}/resolve`, {
      method: 'POST',
      body: { decision: 'verwerkt', note: 'Opgenomen in paragraaf 3.' },
    })
    expect(resolved.status).toBeLessThan(300)
    const [md, docx] = await Promise.all([download(round.id, 'md'), download(round.id, 'docx')])
    for (const text of [md, docx]) {
      expect(text).toContain('Het Rijk, zie paragraaf 3.')
      expect(text).toContain('Opgenomen in paragraaf 3.')
    }
    expect(before).not.toContain('Het Rijk, zie paragraaf 3.')
  })
})
