/**
 * One record changed through several instances at the same moment (D4): a
 * thread, a person. Every change is kept, and what takes access away holds.
 * Races are made by sending the requests together; where one request must
 * land inside another's window, the pair is tried several times.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import type { ServerProcess } from '../helpers/serverProcess.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

/** Replies sent through each of two instances at once. */
const REPLIES = 8
/**
 * Tries of a race whose window is one request's read and write; each try
 * sends the revocation a few milliseconds later than the one before, so one of
 * them lands inside the other requests' windows.
 */
const ATTEMPTS = 8

/** Spreads requests of a race over time (never waits for an outcome). */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface ThreadEvent {
  type: string
  threads?: Array<{ id: string; status: string; decision?: string; comments: unknown[] }>
}

interface PersonView {
  id: string
  name: string
  revokedAt: string | null
  anonymised: boolean
  proposals: '*' | string[]
}

describe('[D4] several instances change one record at the same time', () => {
  let cluster: TestCluster
  const clients: TestClient[] = []
  beforeAll(async () => {
    cluster = await startTestCluster(inject('clusterPostgresUrl'), 3)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await cluster.stop()
  })
  const instance = (i: number) => cluster.instances[i]!
  const connect = (i: number, token: string, proposal: string) => {
    const client = connectClient(instance(i).url.replace('http', 'ws'), proposal, token, {
      events: true,
    })
    clients.push(client)
    return client
  }
  /** A writer on instance 1 who holds `proposal` open there, with `text` written. */
  const heldBy = async (name: string, proposal: string, text: string) => {
    const writer = await cluster.invite(instance(0), {
      name,
      role: 'writer',
      proposals: [proposal],
    })
    const held = connect(0, writer.token, proposal)
    await held.synced()
    appendBlock(held.doc, text)
    return { held, token: writer.token }
  }
  const personOn = async (on: ServerProcess, id: string) => {
    const people = await cluster.api<PersonView[]>(on, '/api/people')
    return people.body.find((person) => person.id === id)
  }
  const bulk = (on: ServerProcess, csv: string) =>
    fetch(`${on.url}/api/invites/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cluster.adminToken}`, 'content-type': 'text/csv' },
      body: csv,
    })

  it('[D4][C2][C5] replies and a decision made at once through two instances on a thread opened on a third are all kept, listed everywhere, and reach clients on all three', async () => {
    const { token: writerToken } = await heldBy(
      'Houder',
      'voorstel-5',
      'Een tekst waarop twee kanten tegelijk reageren.',
    )
    const members = await Promise.all(
      [1, 2].map((i) =>
        cluster.invite(instance(i), {
          name: `Lid ${i}`,
          role: 'reviewer',
          proposals: ['voorstel-5'],
        }),
      ),
    )
    const watchers = [0, 1, 2].map((i) => connect(i, writerToken, 'voorstel-5'))
    await Promise.all(watchers.map((watcher) => watcher.synced()))
    for (const on of cluster.instances)
      expect((await cluster.api(on, '/api/proposals')).status).toBe(200)
    let threadId = ''
    await vi.waitFor(async () => {
      const opened = await cluster.api<{ id: string }>(
        instance(0),
        '/api/proposals/voorstel-5/threads',
        { method: 'POST', token: writerToken, body: { body: 'Klopt dit?', quote: 'twee kanten' } },
      )
      expect(opened.status).toBe(201)
      threadId = opened.body.id
    })
    const path = `/api/proposals/voorstel-5/threads/${threadId}`
    const replies = [1, 2].flatMap((i) =>
      Array.from({ length: REPLIES }, (_, n) =>
        cluster.api(instance(i), `${path}/comments`, {
          method: 'POST',
          token: members[i - 1]!.token,
          body: { body: `Antwoord ${n} via ${i}` },
        }),
      ),
    )
    const decision = cluster.api(instance(2), `${path}/resolve`, {
      method: 'POST',
      body: { decision: 'deels-verwerkt', note: 'Deels overgenomen.' },
    })
    const answers = await Promise.all([...replies, decision])
    expect(answers.map((answer) => answer.status)).toEqual([...Array(2 * REPLIES).fill(201), 200])
    const expected = [
      'Klopt dit?',
      ...[1, 2].flatMap((i) => Array.from({ length: REPLIES }, (_, n) => `Antwoord ${n} via ${i}`)),
    ].sort()
    for (const on of cluster.instances) {
      const listed = await cluster.api<
        Array<{ id: string; status: string; decision: string; comments: Array<{ body: string }> }>
      >(on, '/api/proposals/voorstel-5/threads?status=all')
      const thread = listed.body.find((t) => t.id === threadId)
      expect(thread?.comments.map((c) => c.body).sort()).toEqual(expected)
      expect(thread).toMatchObject({ status: 'resolved', decision: 'deels-verwerkt' })
    }
    // The last word each client has on the thread is the whole of it.
    for (const watcher of watchers) {
      await vi.waitFor(() => {
        const seen = (watcher.events as ThreadEvent[])
          .flatMap((event) => (event.type === 'threads' ? (event.threads ?? []) : []))
          .filter((thread) => thread.id === threadId)
        expect(seen.at(-1)).toMatchObject({ status: 'resolved', decision: 'deels-verwerkt' })
        expect(seen.at(-1)?.comments).toHaveLength(1 + 2 * REPLIES)
      })
    }
  })

  it('[D4][C6] an amendment accepted at once through two instances changes the text once; the other hears it was already done', async () => {
    const { held, token: writerToken } = await heldBy(
      'Indiener',
      'voorstel-4',
      'De gemeente beslist binnen acht weken.',
    )
    let threadId = ''
    await vi.waitFor(async () => {
      const opened = await cluster.api<{ id: string }>(
        instance(0),
        '/api/proposals/voorstel-4/threads',
        { method: 'POST', token: writerToken, body: { quote: 'acht', replacement: 'zes' } },
      )
      expect(opened.status).toBe(201)
      threadId = opened.body.id
    })
    const accepted = await Promise.all(
      [1, 2].map((i) =>
        cluster.api(instance(i), `/api/proposals/voorstel-4/threads/${threadId}/accept`, {
          method: 'POST',
        }),
      ),
    )
    expect(accepted.map((answer) => answer.status).sort()).toEqual([200, 409])
    for (const on of cluster.instances) {
      await vi.waitFor(async () => {
        const content = await cluster.api<{ text: string }>(on, '/api/proposals/voorstel-4/content')
        expect(content.body.text).toBe('De gemeente beslist binnen zes weken.')
      })
    }
    await vi.waitFor(() => expect(linesOf(held.doc)).toBe('De gemeente beslist binnen zes weken.'))
  })

  it('[D4][A5] a revocation holds while the person creates proposals through another instance; creating still gives the creator access', async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [leaving, staying] = await Promise.all(
        ['Vertrekt', 'Blijft'].map((name) =>
          cluster.invite(instance(0), {
            name: `${name} ${attempt}`,
            role: 'editor',
            proposals: ['voorstel-1'],
          }),
        ),
      )
      for (const on of cluster.instances)
        expect((await cluster.api(on, '/api/me', { token: leaving!.token })).status).toBe(200)
      const create = async (token: string, n: number) => {
        await pause(n * 3)
        return cluster.api<{ id: string }>(instance(1), '/api/proposals', {
          method: 'POST',
          token,
          body: { title: `Nota ${attempt}-${n} van ${token.slice(0, 6)}` },
        })
      }
      const revoke = async () => {
        await pause(attempt * 5)
        return cluster.api(instance(0), `/api/people/${leaving!.person.id}`, { method: 'DELETE' })
      }
      const [revoked, ...created] = await Promise.all([
        revoke(),
        ...Array.from({ length: 15 }, (_, n) => create(leaving!.token, n)),
        create(staying!.token, 0),
      ])
      expect(revoked.status).toBe(200)
      for (const on of cluster.instances) {
        expect((await cluster.api(on, '/api/me', { token: leaving!.token })).status).toBe(401)
        expect((await personOn(on, leaving!.person.id))?.revokedAt).toEqual(expect.any(String))
      }
      // The positive twin on the same path: the one not revoked created, and kept access to it.
      const own = created.at(-1)!
      expect(own.status).toBe(201)
      for (const on of cluster.instances) {
        const me = await cluster.api<{ proposals: string[] }>(on, '/api/me', {
          token: staying!.token,
        })
        expect(me.status).toBe(200)
        expect(me.body.proposals).toContain(own.body.id)
      }
    }
  })

  it('[D4][H2] proposals given one title at once through two instances are two proposals, each kept by its creator', async () => {
    const editors = await Promise.all(
      [1, 2].map((i) =>
        cluster.invite(instance(0), {
          name: `Maker ${i}`,
          role: 'editor',
          proposals: ['voorstel-1'],
        }),
      ),
    )
    const created = await Promise.all(
      [1, 2].map((i) =>
        cluster.api<{ id: string; title: string }>(instance(i), '/api/proposals', {
          method: 'POST',
          token: editors[i - 1]!.token,
          body: { title: 'Nota gelijktijdig' },
        }),
      ),
    )
    expect(created.map((answer) => answer.status)).toEqual([201, 201])
    const ids = created.map((answer) => answer.body.id)
    expect(new Set(ids).size).toBe(2)
    expect(ids.sort()).toEqual(['nota-gelijktijdig', 'nota-gelijktijdig-2'])
    for (const on of cluster.instances) {
      for (const [i, editor] of editors.entries()) {
        const me = await cluster.api<{ proposals: string[] }>(on, '/api/me', {
          token: editor.token,
        })
        expect(me.body.proposals).toContain(created[i]!.body.id)
        // Each sees their own, not the other's: two records, not one written over.
        expect(me.body.proposals).not.toContain(created[1 - i]!.body.id)
      }
    }
  })

  it('[D4][M1] one address invited at once through two instances makes one person; the other invitation is refused with 409', async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const email = `griffie-${attempt}@zwolle.nl`
      const answers = await Promise.all(
        [1, 2].map((i) =>
          cluster.api<{ error?: { code: string; details?: { field?: string } } }>(
            instance(i),
            '/api/invites',
            {
              method: 'POST',
              token: cluster.adminToken,
              body: { name: `Griffier ${i}`, role: 'reviewer', proposals: ['voorstel-1'], email },
            },
          ),
        ),
      )
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409])
      const refused = answers.find((answer) => answer.status === 409)!
      expect(refused.body.error).toMatchObject({ code: 'conflict', details: { field: 'email' } })
      const people = await cluster.api<Array<PersonView & { email: string | null }>>(
        instance(0),
        '/api/people',
      )
      expect(people.body.filter((person) => person.email === email)).toHaveLength(1)
    }
  })

  it('[D4] an anonymised person stays nameless while they are edited and listed at the same time through other instances; others are changed', async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [gone, other, inList] = await Promise.all(
        ['Weg', 'Ander', 'Lijst'].map((name) =>
          cluster.invite(instance(0), {
            name: `${name} ${attempt}`,
            role: 'reviewer',
            proposals: ['voorstel-2'],
            organisation: 'Gemeente Urk',
            province: 'Flevoland',
            email: `${name.toLowerCase()}${attempt}@gemeente.nl`,
          }),
        ),
      )
      const list = [
        'naam,e-mail,organisatie,provincie,rol,voorstellen',
        ...['weg', 'lijst'].map(
          (who) =>
            `Van de lijst ${who} ${attempt},${who}${attempt}@gemeente.nl,Gemeente Urk,Flevoland,lid,voorstel-2`,
        ),
      ].join('\n')
      const [anonymised, edited, , listed] = await Promise.all([
        cluster.api(instance(0), `/api/people/${gone!.person.id}/anonymise`, { method: 'POST' }),
        cluster.api(instance(1), `/api/people/${gone!.person.id}`, {
          method: 'PATCH',
          body: { name: `Nieuwe naam ${attempt}` },
        }),
        cluster.api(instance(1), `/api/people/${other!.person.id}`, {
          method: 'PATCH',
          body: { name: `Andere naam ${attempt}` },
        }),
        bulk(instance(2), list),
      ])
      expect(anonymised.status).toBe(200)
      // Before the anonymising it was changed; after it, refused.
      expect([200, 409]).toContain(edited.status)
      expect(listed.status).toBe(200)
      for (const on of cluster.instances) {
        expect(await personOn(on, gone!.person.id)).toMatchObject({
          name: 'Verwijderde gebruiker',
          anonymised: true,
        })
        expect((await cluster.api(on, '/api/me', { token: gone!.token })).status).toBe(401)
        // The positive twins: the same changes of people still there are kept.
        expect((await personOn(on, other!.person.id))?.name).toBe(`Andere naam ${attempt}`)
        expect((await personOn(on, inList!.person.id))?.name).toBe(`Van de lijst lijst ${attempt}`)
      }
    }
  })
})
