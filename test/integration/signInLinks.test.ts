/** New sign-in links by e-mail (contract M3). */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { expectError, type Me } from '../helpers/identitySupport.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { linkIn, startSmtp, type TestSmtp, tokenOf } from '../helpers/smtp.ts'

const WAIT = { timeout: 10_000, interval: 50 }
let smtp: TestSmtp
let server: TestServer

afterEach(async () => {
  await server?.close()
  await smtp?.close()
})

async function setUp(options: Parameters<typeof startServer>[0] = {}) {
  smtp = await startSmtp()
  server = await startServer({
    mail: { smtpUrl: smtp.url, from: 'meeschrijven@vng.nl' },
    ...options,
  })
}

const ask = (email: unknown) =>
  server.api<{ message: string }>('/api/sign-in-link', {
    method: 'POST',
    token: null,
    body: { email },
  })

/** Sends what is due and waits until nothing is left in the queue. */
async function queueEmpty() {
  await vi.waitFor(async () => {
    await server.server.services.mail.runOnce()
    expect(await server.server.services.storage.mail.pendingCount()).toBe(0)
  }, WAIT)
}

describe('a new sign-in link by e-mail', () => {
  it('[M3] known and unknown addresses get the same answer; only the known one gets a mail, whose link works beside the old one', async () => {
    await setUp()
    const anna = await server.invite({
      name: 'Anna',
      role: 'writer',
      proposals: ['voorstel-1'],
      email: 'anna@zwolle.nl',
    })
    await vi.waitFor(() => expect(smtp.to('anna@zwolle.nl')).toHaveLength(1), WAIT)

    const known = await ask('Anna@Zwolle.nl')
    const unknown = await ask('niemand@zwolle.nl')
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(known.body).toEqual(unknown.body)
    expect(known.body.message).toContain('Als dit e-mailadres bij ons bekend is')

    await vi.waitFor(() => expect(smtp.to('anna@zwolle.nl')).toHaveLength(2), WAIT)
    await queueEmpty()
    expect(smtp.to('niemand@zwolle.nl')).toHaveLength(0)
    const mail = smtp.to('anna@zwolle.nl')[1]!
    expect(mail.subject).toBe('Uw nieuwe aanmeldlink voor Meeschrijven')
    const fresh = tokenOf(linkIn(mail))
    expect(fresh).not.toBe(anna.token)
    for (const token of [fresh, anna.token, tokenOf(linkIn(smtp.to('anna@zwolle.nl')[0]!))]) {
      const me = await server.api<Me>('/api/me', { token })
      expect(me.status).toBe(200)
      expect(me.body.person.id).toBe(anna.person.id)
    }

    // Revoking ends every link at once, and a revoked person is sent nothing.
    expect((await server.api(`/api/people/${anna.person.id}`, { method: 'DELETE' })).status).toBe(
      200,
    )
    expectError(await server.api('/api/me', { token: fresh }), 401, 'unauthorized')
    expect((await ask('anna@zwolle.nl')).status).toBe(202)
    await queueEmpty()
    expect(smtp.to('anna@zwolle.nl')).toHaveLength(2)
  })

  it('[M3] at most five mails per address per hour; the answer stays 202 and says nothing more', async () => {
    await setUp()
    await server.invite({
      name: 'Bram',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      email: 'bram@urk.nl',
    })
    await vi.waitFor(() => expect(smtp.to('bram@urk.nl')).toHaveLength(1), WAIT)
    for (let i = 0; i < 7; i++) expect((await ask('bram@urk.nl')).status).toBe(202)
    await vi.waitFor(() => expect(smtp.to('bram@urk.nl')).toHaveLength(6), WAIT)
    await queueEmpty()
    expect(smtp.to('bram@urk.nl')).toHaveLength(6)
  })

  it('[M3] one network asking too often gets 429; a malformed address 422; no token is needed', async () => {
    await setUp({
      signInLinkLimits: {
        perAddress: { burst: 5, perSecond: 5 / 3600 },
        perNetwork: { burst: 3, perSecond: 3 / 3600 },
      },
    })
    expectError(await ask('geen adres'), 422, 'validation_failed')
    for (let i = 0; i < 3; i++) expect((await ask(`iemand${i}@urk.nl`)).status).toBe(202)
    const refused = await ask('nog-een@urk.nl')
    expectError(refused, 429, 'rate_limited')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('[M3] an editor sends a person a new link from the people page', async () => {
    await setUp()
    const cas = await server.invite({
      name: 'Cas',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      email: 'cas@ede.nl',
    })
    const noMail = await server.invite({
      name: 'Dirk',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    await vi.waitFor(() => expect(smtp.to('cas@ede.nl')).toHaveLength(1), WAIT)
    const sent = await server.api(`/api/people/${cas.person.id}/sign-in-link`, { method: 'POST' })
    expect(sent.status).toBe(202)
    await vi.waitFor(() => expect(smtp.to('cas@ede.nl')).toHaveLength(2), WAIT)
    const me = await server.api<Me>('/api/me', {
      token: tokenOf(linkIn(smtp.to('cas@ede.nl')[1]!)),
    })
    expect(me.body.person.id).toBe(cas.person.id)
    expectError(
      await server.api(`/api/people/${noMail.person.id}/sign-in-link`, { method: 'POST' }),
      422,
      'validation_failed',
    )
    expectError(
      await server.api(`/api/people/${cas.person.id}/sign-in-link`, {
        method: 'POST',
        token: cas.token,
      }),
      403,
      'forbidden',
    )
  })
})
