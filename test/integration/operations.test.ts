import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

interface Entry {
  type: string
  person: { id: string; name: string }
  subject?: { id: string; name: string }
  details: Record<string, unknown>
}

describe('operating it', () => {
  let server: TestServer
  let writer: Invited
  let reviewer: Invited
  const clients: TestClient[] = []
  beforeEach(async () => {
    server = await startServer()
    writer = await server.invite({
      name: 'Wies',
      role: 'writer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
    })
    reviewer = await server.invite({
      name: 'Rik Jansen',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Urk',
    })
    const client = connectClient(server.wsUrl, 'voorstel-1', writer.token)
    clients.push(client)
    await client.synced()
    appendBlock(client.doc, 'De omkering is het uitgangspunt.')
    await vi.waitFor(() =>
      expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe(
        'De omkering is het uitgangspunt.',
      ),
    )
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
  })

  it('the activity log shows editors what happened, newest first; others may not read it', async () => {
    const thread = await server.api<{ id: string }>('/api/proposals/voorstel-1/threads', {
      token: reviewer.token,
      method: 'POST',
      body: { body: 'Wat bedoelen we hiermee?', quote: 'De omkering' },
    })
    await server.api(`/api/proposals/voorstel-1/threads/${thread.body.id}/resolve`, {
      method: 'POST',
      body: { decision: 'verwerkt' },
    })
    await server.api('/api/proposals/voorstel-1', {
      method: 'PATCH',
      body: { status: 'consultatie', title: 'Omkering' },
    })
    const log = await server.api<Entry[]>('/api/proposals/voorstel-1/activity')
    expect(log.status).toBe(200)
    expect(log.body.map((e) => e.type)).toEqual([
      'title.changed',
      'status.changed',
      'thread.resolved',
    ])
    expect(log.body[1]).toMatchObject({
      person: { name: 'Beheerder' },
      details: { from: 'concept', to: 'consultatie' },
    })
    const general = await server.api<Entry[]>('/api/activity')
    expect(general.body.map((e) => [e.type, e.subject?.name])).toEqual([
      ['person.invited', 'Rik Jansen'],
      ['person.invited', 'Wies'],
    ])
    expect(
      (await server.api('/api/proposals/voorstel-1/activity', { token: writer.token })).status,
    ).toBe(403)
    expect((await server.api('/api/activity', { token: writer.token })).status).toBe(403)
  })

  it('an editor anonymises a person: the name is gone everywhere, the text and reactions stay, the token stops', async () => {
    const watcher = connectClient(server.wsUrl, 'voorstel-1', reviewer.token)
    clients.push(watcher)
    await watcher.synced()
    const thread = await server.api<{ id: string }>('/api/proposals/voorstel-1/threads', {
      token: reviewer.token,
      method: 'POST',
      body: { body: 'Mijn reactie blijft staan.', quote: 'uitgangspunt' },
    })
    const answer = await server.api<{ name: string; anonymised: boolean }>(
      `/api/people/${reviewer.person.id}/anonymise`,
      { method: 'POST' },
    )
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ name: 'Verwijderde gebruiker', anonymised: true })
    await vi.waitFor(() => expect(watcher.closed?.code).toBe(4401))
    expect((await server.api('/api/me', { token: reviewer.token })).status).toBe(401)
    const shown = await server.api<{
      createdBy: { name: string; organisation: string }
      comments: Array<{ body: string; author: { name: string } }>
    }>(`/api/proposals/voorstel-1/threads/${thread.body.id}`)
    expect(shown.body.createdBy).toMatchObject({
      name: 'Verwijderde gebruiker',
      organisation: 'Gemeente Urk',
    })
    expect(shown.body.comments[0]).toMatchObject({
      body: 'Mijn reactie blijft staan.',
      author: { name: 'Verwijderde gebruiker' },
    })
    const people = await server.api<Array<{ id: string; name: string }>>('/api/people')
    expect(people.body.find((p) => p.id === reviewer.person.id)?.name).toBe('Verwijderde gebruiker')
    expect(JSON.stringify(people.body)).not.toContain('Rik Jansen')
    const general = await server.api<Entry[]>('/api/activity')
    expect(JSON.stringify(general.body)).not.toContain('Rik Jansen')
    expect(general.body[0]).toMatchObject({
      type: 'person.anonymised',
      subject: { name: 'Verwijderde gebruiker' },
    })
    // The positive twin: the writer, not anonymised, keeps name and access.
    expect(
      (await server.api<{ person: { name: string } }>('/api/me', { token: writer.token })).body
        .person.name,
    ).toBe('Wies')
    expect(
      (await server.api<{ text: string }>('/api/proposals/voorstel-1/content')).body.text,
    ).toBe('De omkering is het uitgangspunt.')
  })

  it('every answer carries the security headers the editor works under', async () => {
    for (const path of ['/', '/healthz', '/api/proposals']) {
      const answer = await server.api(path)
      const policy = answer.headers.get('content-security-policy') ?? ''
      expect(policy).toContain("default-src 'self'")
      expect(policy).toContain("frame-ancestors 'none'")
      expect(policy).toContain("script-src 'self'")
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })
})
