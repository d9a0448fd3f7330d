/** Invitations in bulk from a CSV file, and invitations by mail (contract M1, M2, A5). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { expectError, type Me } from '../helpers/identitySupport.ts'
import { csvOf, type ListPerson, municipalities } from '../helpers/memberList.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { linkIn, startSmtp, type TestSmtp, tokenOf } from '../helpers/smtp.ts'

interface BulkAnswer {
  created: number
  updated: number
  unchanged: number
  errors: Array<{ line: number; field: string; message: string }>
  rows: Array<{ line: number; email: string; action: string; changes: string[] }>
  applied: boolean
  encoding: string
}

/** Polling limits: generous for a loaded machine; nothing here measures time. */
const WAIT = { timeout: 20_000, interval: 50 }

let smtp: TestSmtp
let server: TestServer

beforeEach(async () => {
  smtp = await startSmtp()
  server = await startServer({ mail: { smtpUrl: smtp.url, from: 'meeschrijven@vng.nl' } })
})
afterEach(async () => {
  await server.close()
  await smtp.close()
})

const upload = (body: string | Buffer, options: { dryRun?: boolean; token?: string } = {}) =>
  server.api<BulkAnswer>(`/api/invites/bulk${options.dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    raw: body as BodyInit,
    token: options.token,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })

const peopleCount = async () => (await server.api<unknown[]>('/api/people')).body.length

/** Sends whatever is due and waits until the queue is empty. */
async function queueEmpty() {
  await vi.waitFor(async () => {
    await server.server.services.mail.runOnce()
    expect(await server.server.services.storage.mail.pendingCount()).toBe(0)
  }, WAIT)
}

describe('a list of 342 municipalities', () => {
  it('[M1][M2] a CSV of 342 rows creates 342 people and 342 invitations arrive, each with a working link; the same file again changes and sends nothing', async () => {
    const list = municipalities(342)
    const csv = csvOf(list, { separator: ';', bom: true })
    const before = await peopleCount()

    const preview = await upload(csv, { dryRun: true })
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({
      created: 342,
      updated: 0,
      unchanged: 0,
      errors: [],
      applied: false,
    })
    expect(preview.body.rows).toHaveLength(342)
    expect(preview.body.rows[0]).toMatchObject({ line: 2, email: list[0]!.email, action: 'create' })
    expect(await peopleCount()).toBe(before)

    const applied = await upload(csv)
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({
      created: 342,
      updated: 0,
      unchanged: 0,
      errors: [],
      applied: true,
    })
    expect(await peopleCount()).toBe(before + 342)

    await vi.waitFor(() => expect(smtp.received).toHaveLength(342), WAIT)
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(342)
    for (const person of list) {
      const [mail] = smtp.to(person.email)
      expect(mail, person.email).toBeDefined()
      expect(mail!.from).toContain('VNG Verenigingsstrategie')
      expect(mail!.subject).toContain('Uitnodiging')
      expect(mail!.html).toContain('lang="nl"')
      const me = await server.api<Me>('/api/me', { token: tokenOf(linkIn(mail!)) })
      expect(me.status).toBe(200)
      expect(me.body.person).toMatchObject({ name: person.name, organisation: person.organisation })
      expect(me.body.role).toBe('reviewer')
    }

    const again = await upload(csv)
    expect(again.body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 342,
      errors: [],
      applied: true,
    })
    await queueEmpty()
    expect(await peopleCount()).toBe(before + 342)
    expect(smtp.received).toHaveLength(342)
  })
})

describe('checking a list before anything changes', () => {
  const three = municipalities(3)

  it('[M1] a file with one bad row changes nothing and names the line and the column', async () => {
    const bad: ListPerson[] = [...three, { ...three[0]!, email: 'geen-adres', name: 'Fout' }]
    const before = await peopleCount()
    const answer = await upload(csvOf(bad, { separator: ',' }))
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, applied: false })
    expect(answer.body.errors).toEqual([
      { line: 5, field: 'e-mail', message: expect.stringContaining('geen-adres') },
    ])
    await queueEmpty()
    expect(await peopleCount()).toBe(before)
    expect(smtp.received).toHaveLength(0)

    // The positive twin: the same file without the bad row is applied.
    const good = await upload(csvOf(three, { separator: ',' }))
    expect(good.body).toMatchObject({ created: 3, errors: [], applied: true })
    expect(await peopleCount()).toBe(before + 3)
    await vi.waitFor(() => expect(smtp.received).toHaveLength(3), WAIT)
  })

  it('[M1] every mistake is named: columns, roles, provinces, proposals, repeated addresses', async () => {
    const rows: ListPerson[] = [
      { ...three[0]!, role: 'baas' },
      { ...three[1]!, province: 'Brabant' },
      { ...three[2]!, proposals: 'voorstel-99' },
      { ...three[0]!, name: 'Dubbel' },
      { ...three[1]!, email: 'ander@gemeente.nl', name: '' },
    ]
    const answer = await upload(csvOf(rows))
    expect(answer.body.errors.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 2, field: 'rol' },
      { line: 3, field: 'provincie' },
      { line: 4, field: 'voorstellen' },
      { line: 5, field: 'e-mail' },
      { line: 6, field: 'naam' },
    ])
    expect(answer.body.errors[3]!.message).toContain('regel 2')
    const header = await upload('naam;organisatie\r\nAnna;Gemeente Urk\r\n')
    expect(header.body.errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      '1:e-mail',
      '1:rol',
      '1:voorstellen',
    ])
  })

  it('[M1] Excel exports: commas, quotes around fields with separators and quotes, no BOM, Windows-1252', async () => {
    const people: ListPerson[] = [
      { ...three[0]!, organisation: 'Gemeente "Het Hogeland", Groningen', province: 'groningen' },
      {
        ...three[1]!,
        name: 'Anouk Fryslân',
        province: 'Friesland',
        role: 'werkgroep',
        proposals: '*',
      },
    ]
    const answer = await upload(csvOf(people, { separator: ',' }))
    expect(answer.body).toMatchObject({ created: 2, errors: [], encoding: 'utf-8' })
    const listed =
      await server.api<
        Array<{
          name: string
          organisation: string
          province: string
          role: string
          proposals: unknown
        }>
      >('/api/people')
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          organisation: 'Gemeente "Het Hogeland", Groningen',
          province: 'Groningen',
        }),
        expect.objectContaining({
          name: 'Anouk Fryslân',
          province: 'Fryslân',
          role: 'writer',
          proposals: '*',
        }),
      ]),
    )
    // Excel's plain "CSV" on a Dutch computer: Windows-1252, where â is one byte (0xE2).
    const latin = Buffer.from(
      `naam;e-mail;organisatie;provincie;rol;voorstellen\r\nJos\xe9 Fryslân;jose@sudwestfryslan.nl;Gemeente S\xfadwest-Frysl\xe2n;Fryslân;lid;voorstel-1\r\n`,
      'latin1',
    )
    const read = await upload(latin)
    expect(read.body).toMatchObject({ created: 1, errors: [], encoding: 'windows-1252' })
    const names = (await server.api<Array<{ name: string; organisation: string }>>('/api/people'))
      .body
    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'José Fryslân', organisation: 'Gemeente Súdwest-Fryslân' }),
      ]),
    )
  })

  it('[M1] a row whose address is known updates that person, naming what changes, and sends nothing', async () => {
    await upload(csvOf(three))
    await vi.waitFor(() => expect(smtp.received).toHaveLength(3), WAIT)
    const changed = [
      { ...three[0]!, role: 'werkgroep', organisation: 'Gemeente Zwolle' },
      three[1]!,
      three[2]!,
    ]
    const preview = await upload(csvOf(changed), { dryRun: true })
    expect(preview.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, applied: false })
    expect(preview.body.rows[0]).toMatchObject({
      action: 'update',
      changes: ['organisatie', 'rol'],
    })
    const applied = await upload(
      csvOf(changed).replace(three[0]!.email, three[0]!.email.toUpperCase()),
    )
    expect(applied.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, applied: true })
    const anna = (
      await server.api<Array<{ email: string; role: string; organisation: string }>>('/api/people')
    ).body.find((p) => p.email === three[0]!.email)
    expect(anna).toMatchObject({ role: 'writer', organisation: 'Gemeente Zwolle' })
    await queueEmpty()
    expect(smtp.received).toHaveLength(3)
  })

  it('[M1][A5] an editor on a list can grant no proposals outside it, per row; a writer cannot upload at all', async () => {
    const eva = await server.invite({
      name: 'Eva',
      role: 'editor',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: '*' })
    const rows = [
      { ...three[0]!, proposals: 'voorstel-1' },
      { ...three[1]!, proposals: 'voorstel-3' },
      { ...three[2]!, proposals: '*' },
    ]
    const answer = await upload(csvOf(rows), { token: eva.token })
    expect(answer.body.errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      '3:voorstellen',
      '4:voorstellen',
    ])
    // voorstel-99 is outside Eva's set too: she is not told whether it exists.
    const unknown = await upload(csvOf([{ ...three[0]!, proposals: 'voorstel-99' }]), {
      token: eva.token,
    })
    expect(unknown.body.errors[0]!.message).not.toContain('Onbekend')
    expect(await peopleCount()).toBe(2)
    const within = await upload(csvOf([rows[0]!]), { token: eva.token })
    expect(within.body).toMatchObject({ created: 1, applied: true })
    expectError(await upload(csvOf(three), { token: wim.token }), 403, 'forbidden')
  })
})

describe('invitations with an e-mail address', () => {
  it('[A5][M2] an invitation with email queues a mail whose link signs in; without email nothing is sent', async () => {
    const answer = await server.api<{ person: { id: string; email: string } }>('/api/invites', {
      method: 'POST',
      body: {
        name: 'Anna',
        role: 'reviewer',
        proposals: ['voorstel-1'],
        email: ' Anna@Zwolle.nl ',
      },
    })
    expect(answer.status).toBe(201)
    expect(answer.body.person.email).toBe('anna@zwolle.nl')
    await vi.waitFor(() => expect(smtp.to('anna@zwolle.nl')).toHaveLength(1), WAIT)
    const me = await server.api<Me>('/api/me', { token: tokenOf(linkIn(smtp.received[0]!)) })
    expect(me.body.person.id).toBe(answer.body.person.id)

    await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-1'] })
    await queueEmpty()
    expect(smtp.received).toHaveLength(1)
    const taken = await server.api('/api/invites', {
      method: 'POST',
      body: {
        name: 'Anna 2',
        role: 'reviewer',
        proposals: ['voorstel-1'],
        email: 'anna@zwolle.nl',
      },
    })
    expectError(taken, 409, 'conflict')
    expectError(
      await server.api('/api/invites', {
        method: 'POST',
        body: { name: 'X', role: 'reviewer', proposals: ['voorstel-1'], email: 'geen adres' },
      }),
      422,
      'validation_failed',
    )
  })
})
