/**
 * Mail in a cluster (M1–M3 with D1): three instances share one queue in
 * PostgreSQL; each mail is taken by one of them and sent once, and the limit on
 * sign-in link requests holds across instances.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import { csvOf, municipalities } from '../helpers/memberList.ts'
import { linkIn, startSmtp, type TestSmtp, tokenOf } from '../helpers/smtp.ts'

const WAIT = { timeout: 30_000, interval: 100 }

describe('[D1] mail across instances', () => {
  let cluster: TestCluster
  let smtp: TestSmtp
  beforeAll(async () => {
    smtp = await startSmtp()
    cluster = await startTestCluster(inject('clusterPostgresUrl'), 3, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'meeschrijven@vng.nl',
    })
  })
  afterAll(async () => {
    await cluster?.stop()
    await smtp?.close()
  })

  it('[M1][M2][D1] a list uploaded on one instance: every invitation is sent once by the three, and each link signs in on any instance', async () => {
    const [a, b, c] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ]
    const list = municipalities(90)
    const response = await fetch(`${a.url}/api/invites/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cluster.adminToken}`, 'content-type': 'text/csv' },
      body: csvOf(list),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ created: 90, errors: [], applied: true })
    await vi.waitFor(() => expect(smtp.received.length).toBeGreaterThanOrEqual(90), WAIT)
    // Every instance polls the queue every 2 s; once nothing is pending, nothing else can arrive.
    await vi.waitFor(async () => {
      const pending = await cluster.api<{ pending: number }>(b, '/api/mail')
      expect(pending.body.pending).toBe(0)
    }, WAIT)
    expect(smtp.received).toHaveLength(90)
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(90)
    for (const [i, person] of list.entries()) {
      expect(smtp.to(person.email)).toHaveLength(1)
      const instance = [a, b, c][i % 3]!
      const me = await cluster.api<{ person: { name: string } }>(instance, '/api/me', {
        token: tokenOf(linkIn(smtp.to(person.email)[0]!)),
      })
      expect(me.status).toBe(200)
      expect(me.body.person.name).toBe(person.name)
    }
  })

  it('[M3][D1] five sign-in links per address per hour, counted across instances', async () => {
    const address = 'contact1@gemeente1.nl'
    const before = smtp.to(address).length
    for (let i = 0; i < 7; i++) {
      const instance = cluster.instances[i % 3]!
      const response = await fetch(`${instance.url}/api/sign-in-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: address }),
      })
      expect(response.status).toBe(202)
    }
    await vi.waitFor(() => expect(smtp.to(address).length).toBe(before + 5), WAIT)
    await vi.waitFor(async () => {
      const pending = await cluster.api<{ pending: number }>(cluster.instances[0]!, '/api/mail')
      expect(pending.body.pending).toBe(0)
    }, WAIT)
    expect(smtp.to(address).length).toBe(before + 5)
  })
})
