/** Invitations, the people list, revocation, organisations and provinces (contract A5, R1). */
import { describe, expect, it, vi } from 'vitest'
import {
  client,
  contentText,
  expectError,
  type Me,
  type PersonView,
  PROVINCES,
  peopleNames,
  sha256,
  socketOutcome,
  start,
} from '../helpers/identitySupport.ts'
import type { Invited } from '../helpers/server.ts'
import { appendBlock } from '../helpers/ydoc.ts'

describe('invitations and people', () => {
  it('[A5] an invitation answers 201 {person, token, url}; the url signs in as that person and /api/me says who', async () => {
    const server = await start()
    const answer = await server.api<Invited>('/api/invites', {
      method: 'POST',
      body: {
        name: 'Anna de Vries',
        role: 'writer',
        proposals: ['voorstel-1', 'voorstel-3'],
        organisation: 'Gemeente Zwolle',
      },
    })
    expect(answer.status).toBe(201)
    expect(Object.keys(answer.body).sort()).toEqual(['person', 'token', 'url'])
    const { person, token, url } = answer.body
    expect(person).toMatchObject({
      id: expect.any(String),
      name: 'Anna de Vries',
      organisation: 'Gemeente Zwolle',
    })
    expect(JSON.stringify(person)).not.toContain(token)
    expect(JSON.stringify(person)).not.toContain(sha256(token))

    const link = new URL(url)
    expect(link.origin).toBe(server.url)
    expect(link.hash.startsWith('#/welkom?token=')).toBe(true)
    const linked = new URLSearchParams(link.hash.slice('#/welkom?'.length)).get('token')
    expect(linked).toBe(token)

    const me = await server.api<Me>('/api/me', { token: linked })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      person: { id: person.id, name: 'Anna de Vries', organisation: 'Gemeente Zwolle' },
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-3'],
    })
    expectError(await server.api('/api/me', { token: `${token}x` }), 401, 'unauthorized')
  })

  it('[A5] a writer cannot invite at all; an editor on a list cannot grant proposals outside it, known or not', async () => {
    const server = await start()
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: '*' })
    const eva = await server.invite({
      name: 'Eva',
      role: 'editor',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const before = await peopleNames(server)
    const invite = (token: string, proposals: '*' | string[], role = 'reviewer') =>
      server.api('/api/invites', {
        method: 'POST',
        token,
        body: { name: 'Nieuw Lid', role, proposals },
      })

    expectError(await invite(wim.token, ['voorstel-1']), 403, 'forbidden')
    for (const proposals of [
      ['voorstel-3'],
      ['voorstel-1', 'voorstel-3'],
      ['voorstel-99'],
      '*',
    ] as const) {
      const answer = await invite(eva.token, proposals as '*' | string[])
      expect([JSON.stringify(proposals), answer.status]).toEqual([JSON.stringify(proposals), 403])
      expectError(answer, 403, 'forbidden')
    }
    expect(await peopleNames(server)).toEqual(before)

    const within = await server.api<Invited>('/api/invites', {
      method: 'POST',
      token: eva.token,
      body: { name: 'Nieuw Lid', role: 'editor', proposals: ['voorstel-2'] },
    })
    expect(within.status).toBe(201)
    expect(await peopleNames(server)).toEqual([...before, 'Nieuw Lid'])
  })

  it("[A5] GET /api/people lists people without tokens or hashes, only within the viewer's proposals", async () => {
    const server = await start()
    const invited = [
      await server.invite({
        name: 'Anna',
        role: 'writer',
        proposals: ['voorstel-1'],
        organisation: 'Gemeente Zwolle',
      }),
      await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-2'] }),
      await server.invite({ name: 'Eva', role: 'editor', proposals: ['voorstel-1'] }),
    ]
    const all = await server.api<PersonView[]>('/api/people')
    expect(all.status).toBe(200)
    expect(all.body.map((p) => p.name)).toEqual(expect.arrayContaining(['Anna', 'Bram', 'Eva']))
    for (const person of all.body) {
      expect(person).toMatchObject({ id: expect.any(String), name: expect.any(String) })
      expect(person).toHaveProperty('organisation')
    }
    const text = JSON.stringify(all.body).toLowerCase()
    expect(text).not.toContain('token')
    expect(text).not.toContain('hash')
    for (const { token } of invited) {
      expect(JSON.stringify(all.body)).not.toContain(token)
      expect(text).not.toContain(sha256(token))
    }
    expect(all.body.find((p) => p.name === 'Anna')?.organisation).toBe('Gemeente Zwolle')

    const eva = invited[2]!
    const seenByEva = await server.api<PersonView[]>('/api/people', { token: eva.token })
    expect(seenByEva.status).toBe(200)
    expect(seenByEva.body.map((p) => p.name).sort()).toEqual(['Anna', 'Eva'])
  })

  it("[A5] revoking closes that person's sockets with 4401 at once and the token stops working; others stay", async () => {
    const server = await start()
    const anna = await server.invite({
      name: 'Anna',
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const annaOne = client(server, 'voorstel-1', anna.token)
    const annaTwo = client(server, 'voorstel-2', anna.token)
    const bramOne = client(server, 'voorstel-1', bram.token)
    await Promise.all([annaOne.synced(), annaTwo.synced(), bramOne.synced()])

    const revoked = await server.api<PersonView>(`/api/people/${anna.person.id}`, {
      method: 'DELETE',
    })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toMatchObject({ id: anna.person.id, name: 'Anna' })
    expect(JSON.stringify(revoked.body)).not.toContain(anna.token)
    await vi.waitFor(() => {
      expect(annaOne.closed).toMatchObject({ code: 4401 })
      expect(annaTwo.closed).toMatchObject({ code: 4401 })
    })

    expectError(await server.api('/api/me', { token: anna.token }), 401, 'unauthorized')
    expectError(
      await server.api('/api/proposals/voorstel-1/content', { token: anna.token }),
      401,
      'unauthorized',
    )
    expect(await socketOutcome(server, 'voorstel-1', anna.token)).toBe(4401)

    expect(bramOne.closed).toBeNull()
    expect(bramOne.provider.wsconnected).toBe(true)
    expect((await server.api('/api/me', { token: bram.token })).status).toBe(200)
    appendBlock(bramOne.doc, 'Bram schrijft door')
    await vi.waitFor(async () =>
      expect(await contentText(server, 'voorstel-1')).toBe('Bram schrijft door'),
    )
    expect(annaOne.doc.getXmlFragment('default').length).toBe(0)
  })

  it("[A5] revoking checks the id and the editor's proposals: 400, 404, 403 outside them, the editor's own self 409", async () => {
    const server = await start()
    const eva = await server.invite({ name: 'Eva', role: 'editor', proposals: ['voorstel-1'] })
    const outside = await server.invite({ name: 'Olaf', role: 'writer', proposals: ['voorstel-2'] })
    const inside = await server.invite({ name: 'Ines', role: 'writer', proposals: ['voorstel-1'] })
    const revoke = (id: string, token = eva.token) =>
      server.api(`/api/people/${id}`, { method: 'DELETE', token })

    expectError(await revoke('Geen_Id!'), 400, 'bad_request')
    expectError(await revoke('p-000000000000'), 404, 'not_found')
    expectError(await revoke(outside.person.id), 403, 'forbidden')
    expect((await server.api('/api/me', { token: outside.token })).status).toBe(200)
    expectError(await revoke(eva.person.id), 409, 'conflict')
    expect((await server.api('/api/me', { token: eva.token })).status).toBe(200)
    expect((await revoke(inside.person.id)).status).toBe(200)
    expect((await server.api('/api/me', { token: inside.token })).status).toBe(401)
    await server.restart()
    expect((await server.api('/api/me', { token: inside.token })).status).toBe(401)
    expect((await server.api('/api/me', { token: outside.token })).status).toBe(200)
  })
})

describe('organisations and provinces', () => {
  it('[R1] an invitation takes an organisation and one of the twelve provinces', async () => {
    const server = await start()
    for (const province of PROVINCES) {
      const invited = await server.invite({
        name: `Lid uit ${province}`,
        role: 'reviewer',
        proposals: ['voorstel-1'],
        organisation: `Gemeente in ${province}`,
        province,
      })
      expect(invited.person.organisation).toBe(`Gemeente in ${province}`)
    }
    const people = (await server.api<PersonView[]>('/api/people')).body
    for (const province of PROVINCES) {
      expect(people.find((p) => p.name === `Lid uit ${province}`)).toMatchObject({
        organisation: `Gemeente in ${province}`,
        province,
      })
    }
    const zonder = await server.invite({
      name: 'Zonder organisatie',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    expect(zonder.person.organisation).toBeNull()
  })

  it('[R1] an unknown province is 422 naming the field, and nobody is invited', async () => {
    const server = await start()
    const before = await peopleNames(server)
    for (const province of ['Twente', 'noord-holland', 'Friesland', 12]) {
      const answer = await server.api('/api/invites', {
        method: 'POST',
        body: {
          name: 'Piet',
          role: 'reviewer',
          proposals: ['voorstel-1'],
          organisation: 'Gemeente Enschede',
          province,
        },
      })
      const error = expectError(answer, 422, 'validation_failed')
      expect(JSON.stringify(error.details), String(province)).toContain('province')
    }
    expect(await peopleNames(server)).toEqual(before)
    const good = await server.api('/api/invites', {
      method: 'POST',
      body: {
        name: 'Piet',
        role: 'reviewer',
        proposals: ['voorstel-1'],
        organisation: 'Gemeente Enschede',
        province: 'Overijssel',
      },
    })
    expect(good.status).toBe(201)
  })
})
