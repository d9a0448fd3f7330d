/**
 * Notifications in the product and by mail (contract M4, M2): replies,
 * decisions, rounds opened, reminders before a round closes, mails gathered per
 * person, unsubscribing without signing in, and a queue that survives a restart.
 * The server's clock is an option, so minutes and days pass at once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { adminEditor, givePosition, P1, saveVersion, serverBlocks } from '../helpers/rounds.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'

const WAIT = { timeout: 10_000, interval: 50 }
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const LINES = ['Gemeenten nemen het voortouw.', 'Samen optrekken loont.', 'De ALV beslist.']

let smtp: TestSmtp
let server: TestServer
let editor: HeadlessEditor | undefined
let now = Date.now()

afterEach(async () => {
  editor?.destroy()
  await server?.close()
  await smtp?.close()
})

interface Listed {
  unread: number
  items: Array<{ id: string; kind: string; text: string; read: boolean; proposalId: string }>
}

async function setUp(options: Parameters<typeof startServer>[0] = {}) {
  now = Date.now()
  smtp = await startSmtp()
  server = await startServer({
    mail: { smtpUrl: smtp.url, from: 'meeschrijven@vng.nl' },
    clock: () => now,
    notificationTickMs: 50,
    mailRetryMs: 100,
    ...options,
  })
  editor = await adminEditor(server)
  editor.editor.commands.insertContent(LINES.map((line) => `<p>${line}</p>`).join(''))
  const blocks = await serverBlocks(server, LINES)
  const member = (name: string, organisation: string, role: 'reviewer' | 'writer' = 'reviewer') =>
    server.invite({
      name,
      role,
      proposals: ['voorstel-1'],
      organisation,
      province: 'Flevoland',
      email: `${name.toLowerCase()}@${organisation.split(' ')[1]!.toLowerCase()}.nl`,
    })
  const anna = await member('Anna', 'Gemeente Urk')
  const bram = await member('Bram', 'Gemeente Lelystad')
  const carla = await member('Carla', 'Gemeente Almere', 'writer')
  // The invitations first, so the mails below are the notifications.
  await vi.waitFor(() => expect(smtp.received).toHaveLength(3), WAIT)
  smtp.received.length = 0
  return { blocks, anna, bram, carla }
}

const listed = (who: Invited) => server.api<Listed>('/api/notifications', { token: who.token })
const mailsTo = (who: Invited) => smtp.to(`${who.person.name.toLowerCase()}@`)

/** One round of gathering and sending, then an empty queue: afterwards nothing more is on its way. */
async function settle() {
  await server.server.services.digest.runOnce()
  await vi.waitFor(async () => {
    await server.server.services.mail.runOnce()
    expect(await server.server.services.storage.mail.pendingCount()).toBe(0)
  }, WAIT)
}

async function openThread(who: Invited, quote: string) {
  const answer = await server.api<{ id: string }>(`${P1}/threads`, {
    method: 'POST',
    token: who.token,
    body: { body: 'Kan dit concreter?', quote },
  })
  expect(answer.status).toBe(201)
  return answer.body.id
}

const reply = (who: Invited, threadId: string, body = 'Eens, graag een voorbeeld.') =>
  server.api(`${P1}/threads/${threadId}/comments`, {
    method: 'POST',
    token: who.token,
    body: { body },
  })

describe('what people hear of', () => {
  it('[M4] a reply reaches who started or replied to the thread, by mail and in Meldingen, never the one who replied', async () => {
    const { anna, bram, carla } = await setUp()
    const thread = await openThread(anna, 'Gemeenten nemen het voortouw.')
    expect((await reply(bram, thread)).status).toBe(201)
    await vi.waitFor(() => expect(mailsTo(anna)).toHaveLength(1), WAIT)
    const mail = mailsTo(anna)[0]!
    expect(mail.text).toContain('Bram reageerde op ‘Gemeenten nemen het voortouw.’ in Voorstel 1')
    expect(mail.html).toContain('<html lang="nl">')
    expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const annas = await listed(anna)
    expect(annas.body.unread).toBe(1)
    expect(annas.body.items[0]).toMatchObject({
      kind: 'reply',
      read: false,
      proposalId: 'voorstel-1',
    })

    expect((await reply(anna, thread, 'Goed punt.')).status).toBe(201)
    await vi.waitFor(() => expect(mailsTo(bram)).toHaveLength(1), WAIT)
    await settle()
    expect((await listed(carla)).body.items).toHaveLength(0)
    expect(mailsTo(carla)).toHaveLength(0)
    expect(mailsTo(anna)).toHaveLength(1)

    const read = await server.api<{ unread: number }>('/api/notifications/read', {
      method: 'POST',
      token: anna.token,
      body: {},
    })
    expect(read.body.unread).toBe(0)
    expect((await listed(anna)).body.items[0]!.read).toBe(true)
  })

  it('[M4] a decision on your thread or amendment reaches you', async () => {
    const { anna, bram } = await setUp()
    const thread = await openThread(anna, 'Samen optrekken loont.')
    const resolved = await server.api(`${P1}/threads/${thread}/resolve`, {
      method: 'POST',
      body: { decision: 'deels-verwerkt', note: 'Deels overgenomen.' },
    })
    expect(resolved.status).toBe(200)
    await vi.waitFor(() => expect(mailsTo(anna)).toHaveLength(1), WAIT)
    expect(mailsTo(anna)[0]!.text).toContain('is afgehandeld: deels verwerkt')
    await settle()
    expect(mailsTo(bram)).toHaveLength(0)
  })

  it('[M4] a round opened reaches everyone who may see the proposal; three days before it closes, members who have not answered every passage are reminded', async () => {
    const { blocks, anna, bram, carla } = await setUp()
    const versionId = await saveVersion(server, 'Consultatieversie')
    const closesAt = new Date(now + 5 * DAY).toISOString()
    const round = await server.api<{ id: string }>(`${P1}/rounds`, {
      method: 'POST',
      body: { versionId, closesAt, title: 'Ledenraadpleging' },
    })
    expect(round.status).toBe(201)
    for (const who of [anna, bram, carla])
      await vi.waitFor(() => expect(mailsTo(who)).toHaveLength(1), WAIT)
    expect(mailsTo(anna)[0]!.text).toContain(
      'consultatieronde geopend op Voorstel 1: Ledenraadpleging',
    )

    for (const block of blocks)
      await givePosition(server, anna.token, round.body.id, block.blockId, { position: 'akkoord' })
    await givePosition(server, bram.token, round.body.id, blocks[0]!.blockId, {
      position: 'akkoord',
    })
    await settle()
    const reminders = async (who: Invited) =>
      (await listed(who)).body.items.filter((item) => item.kind === 'reminder')
    expect(await reminders(bram)).toHaveLength(0)

    now = Date.parse(closesAt) - 3 * DAY + MINUTE
    await settle()
    const [bramsReminder] = await reminders(bram)
    expect(bramsReminder?.text).toContain(
      'Gemeente Lelystad heeft nog niet bij elke passage een standpunt gegeven (1 van 3)',
    )
    expect(await reminders(carla)).toHaveLength(1)
    expect(await reminders(anna)).toHaveLength(0)
    await vi.waitFor(() => expect(mailsTo(bram)).toHaveLength(2), WAIT)
    expect(mailsTo(bram)[1]!.text).toContain('Herinnering')
    expect(mailsTo(anna)).toHaveLength(1)
    // Once per round, however often it is looked at.
    now += MINUTE
    await settle()
    expect(await reminders(bram)).toHaveLength(1)
  })
})

describe('mails gathered, and unsubscribing', () => {
  it('[M4] at most one mail per person per 15 minutes: what comes meanwhile is gathered into the next', async () => {
    const { anna, bram } = await setUp()
    const thread = await openThread(anna, 'De ALV beslist.')
    await reply(bram, thread, 'Eerste')
    await vi.waitFor(() => expect(mailsTo(anna)).toHaveLength(1), WAIT)
    now += 5 * MINUTE
    await reply(bram, thread, 'Tweede')
    await reply(bram, thread, 'Derde')
    await vi.waitFor(async () => expect((await listed(anna)).body.unread).toBe(3), WAIT)
    await settle()
    expect(mailsTo(anna)).toHaveLength(1)

    now += 11 * MINUTE
    await settle()
    expect(mailsTo(anna)).toHaveLength(2)
    const gathered = mailsTo(anna)[1]!
    expect(gathered.subject).toBe('Meeschrijven: 2 nieuwe meldingen')
    expect(gathered.text.match(/Bram reageerde op/g)).toHaveLength(2)
  })

  it('[M4] the unsubscribe link works without signing in: no more mails, the notifications still listed; per-kind settings too', async () => {
    const { anna, bram } = await setUp()
    const thread = await openThread(anna, 'Gemeenten nemen het voortouw.')
    await reply(bram, thread)
    await vi.waitFor(() => expect(mailsTo(anna)).toHaveLength(1), WAIT)
    const header = mailsTo(anna)[0]!.header('list-unsubscribe') ?? ''
    const address = /<(http[^>]+)>/.exec(header)?.[1] ?? ''
    expect(address).toContain('/api/unsubscribe?token=')
    expect(mailsTo(anna)[0]!.text).toContain('/#/afmelden?token=')

    const forged = await fetch(address.replace(/token=[^&]+/, `token=${anna.person.id}.AAAA`), {
      method: 'POST',
    })
    expect(forged.status).toBe(404)
    const oneClick = await fetch(address, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)

    now += 20 * MINUTE
    await reply(anna, thread, 'Antwoord van Anna')
    await reply(bram, thread, 'Nog een van Bram')
    await vi.waitFor(async () => expect((await listed(anna)).body.unread).toBe(2), WAIT)
    await vi.waitFor(() => expect(mailsTo(bram)).toHaveLength(1), WAIT)
    await settle()
    expect(mailsTo(anna)).toHaveLength(1)

    // Bram turns replies off on his Meldingen page: the next reply is listed, not mailed.
    const settings = await server.api('/api/notifications/settings', {
      method: 'PUT',
      token: bram.token,
      body: { mail: { reply: false } },
    })
    expect(settings.body).toMatchObject({ mail: { reply: false, decision: true } })
    now += 20 * MINUTE
    await reply(anna, thread, 'Nog een van Anna')
    await vi.waitFor(async () => expect((await listed(bram)).body.unread).toBe(2), WAIT)
    await settle()
    expect(mailsTo(bram)).toHaveLength(1)
  })

  it('[M2][M4] a restart with mail still queued sends it once', async () => {
    const { anna, bram } = await setUp({ clock: Date.now })
    smtp.refusing = true
    const thread = await openThread(anna, 'Samen optrekken loont.')
    await reply(bram, thread)
    await vi.waitFor(() => expect(smtp.refused).toBeGreaterThan(0), WAIT)
    expect(await server.server.services.storage.mail.pendingCount()).toBe(1)
    await server.stop()
    smtp.refusing = false
    await server.restart()
    await vi.waitFor(() => expect(mailsTo(anna)).toHaveLength(1), WAIT)
    await settle()
    expect(mailsTo(anna)).toHaveLength(1)
    expect(smtp.received).toHaveLength(1)
  })
})
