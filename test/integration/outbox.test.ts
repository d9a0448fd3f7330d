/** Mail without SMTP (contract M2): `.eml` files in `DATA_DIR/outbox/`, each with a working link. */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Me } from '../helpers/identitySupport.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

let server: TestServer
afterEach(() => server?.close())

const outboxFiles = async (dir: string) =>
  (await readdir(join(dir, 'outbox')).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.eml'),
  )

describe('mail without SMTP', () => {
  it('[M2] without SMTP_URL and MAIL_FROM an invitation is an .eml file in DATA_DIR/outbox whose link signs in; the queue holds no token', async () => {
    server = await startServer()
    expect((await server.api<{ mode: string }>('/api/mail')).body.mode).toBe('outbox')
    const invited = await server.api<{ person: { id: string } }>('/api/invites', {
      method: 'POST',
      body: { name: 'Olga', role: 'reviewer', proposals: ['voorstel-1'], email: 'olga@oss.nl' },
    })
    expect(invited.status).toBe(201)
    await vi.waitFor(async () => expect(await outboxFiles(server.dataDir)).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    })
    const [name] = await outboxFiles(server.dataDir)
    const path = join(server.dataDir, 'outbox', name!)
    expect((await stat(path)).mode & 0o077).toBe(0)
    const mail = await simpleParser(await readFile(path))
    expect(mail.subject).toContain('Uitnodiging')
    expect(mail.from?.text).toContain('VNG Verenigingsstrategie')
    const link = /#\/welkom\?token=([\w-]+)/.exec(mail.text ?? '')
    expect(link).not.toBeNull()
    const me = await server.api<Me>('/api/me', { token: link![1] })
    expect(me.status).toBe(200)
    expect(me.body.person.id).toBe(invited.body.person.id)
    // The queue records that it was sent, and never the token it carried.
    const queued = await server.server.services.storage.mail.get(
      `m-invite-${invited.body.person.id}`,
    )
    expect(queued?.sentAt).toEqual(expect.any(String))
    expect(JSON.stringify(queued)).not.toContain(link![1])
  })
})
