import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import { appendBlock } from '../helpers/ydoc.ts'

const P1 = '/api/proposals/voorstel-1'

describe('[D1] a consultation round across instances', () => {
  let cluster: TestCluster
  const clients: TestClient[] = []
  beforeAll(async () => {
    cluster = await startTestCluster(inject('clusterPostgresUrl'), 3)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await cluster.stop()
  })

  it('[R4][R5][E1][D1] positions given on two instances count on the third, and reach its sockets', async () => {
    const [a, b, c] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ]
    const writer = connectClient(a.url.replace('http', 'ws'), 'voorstel-1', cluster.adminToken)
    clients.push(writer)
    await writer.synced()
    appendBlock(writer.doc, 'Gemeenten nemen het voortouw.')
    let blockId = ''
    await vi.waitFor(async () => {
      const content = await cluster.api<{
        doc: { content: Array<{ attrs: { blockId?: string } }> }
      }>(a, `${P1}/content`)
      blockId = content.body.doc.content[0]?.attrs.blockId ?? ''
      expect(blockId).toMatch(/^p-/)
    })
    const version = await cluster.api<{ id: string }>(a, `${P1}/versions`, {
      method: 'POST',
      body: { name: 'Consultatieversie' },
    })
    const round = await cluster.api<{ id: string }>(b, `${P1}/rounds`, {
      method: 'POST',
      body: {
        versionId: version.body.id,
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    })
    expect(round.status).toBe(201)
    const member = (name: string, organisation: string) =>
      cluster.invite(a, {
        name,
        role: 'reviewer',
        proposals: ['voorstel-1'],
        organisation,
        province: 'Utrecht',
      })
    const anna = await member('Anna', 'Gemeente Utrecht')
    const bram = await member('Bram', 'Gemeente Zeist')
    const watcher = connectClient(c.url.replace('http', 'ws'), 'voorstel-1', anna.token, {
      events: true,
    })
    clients.push(watcher)
    const events: Array<{ type: string; organisation?: string }> = []
    watcher.provider.messageHandlers[100] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)))
    }
    await watcher.synced()

    // The summary is read on C before and after, so a count kept there would go stale.
    const summary = () =>
      cluster.api<{ responded: number; blocks: Array<{ counts: Record<string, number> }> }>(
        c,
        `${P1}/rounds/${round.body.id}/summary`,
      )
    expect((await summary()).body.responded).toBe(0)
    const path = `${P1}/rounds/${round.body.id}/positions/${blockId}`
    expect(
      (
        await cluster.api(a, path, {
          method: 'PUT',
          token: anna.token,
          body: { position: 'akkoord' },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await cluster.api(b, path, {
          method: 'PUT',
          token: bram.token,
          body: { position: 'niet-akkoord', reason: 'Te vaag.' },
        })
      ).status,
    ).toBe(200)
    const after = await summary()
    expect(after.body.responded).toBe(2)
    expect(after.body.blocks[0]?.counts).toEqual({
      akkoord: 1,
      'akkoord-mits': 0,
      'niet-akkoord': 1,
      onthouding: 0,
    })
    await vi.waitFor(() =>
      expect(events.filter((e) => e.type === 'position').map((e) => e.organisation)).toEqual([
        'Gemeente Utrecht',
        'Gemeente Zeist',
      ]),
    )
  })

  it('[R2][D1] two instances opening a round on one proposal at once: one opens it, the other answers 409', async () => {
    const [a, b] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ]
    const P2 = '/api/proposals/voorstel-2'
    const writer = connectClient(a.url.replace('http', 'ws'), 'voorstel-2', cluster.adminToken)
    clients.push(writer)
    await writer.synced()
    appendBlock(writer.doc, 'Tekst voor de ronde.')
    await vi.waitFor(async () => {
      const content = await cluster.api<{ text: string }>(a, `${P2}/content`)
      expect(content.body.text).toBe('Tekst voor de ronde.')
    })
    const version = await cluster.api<{ id: string }>(a, `${P2}/versions`, {
      method: 'POST',
      body: { name: 'Ronde' },
    })
    const body = {
      versionId: version.body.id,
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    }
    const answers = await Promise.all(
      [a, b, a, b].map((instance) =>
        cluster.api(instance, `${P2}/rounds`, { method: 'POST', body }),
      ),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409])
    const rounds = await cluster.api<unknown[]>(b, `${P2}/rounds`)
    expect(rounds.body.length).toBe(1)
  })

  it('[R4][D1][D4] two colleagues replacing "no position" at once through two instances: one counts, the other gets 409', async () => {
    const [a, b] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ]
    const P3 = '/api/proposals/voorstel-3'
    const writer = connectClient(a.url.replace('http', 'ws'), 'voorstel-3', cluster.adminToken)
    clients.push(writer)
    await writer.synced()
    appendBlock(writer.doc, 'Een passage om op te reageren.')
    let blockId = ''
    await vi.waitFor(async () => {
      const content = await cluster.api<{
        doc: { content: Array<{ attrs: { blockId?: string } }> }
      }>(a, `${P3}/content`)
      blockId = content.body.doc.content[0]?.attrs.blockId ?? ''
      expect(blockId).toMatch(/^p-/)
    })
    const version = await cluster.api<{ id: string }>(a, `${P3}/versions`, {
      method: 'POST',
      body: { name: 'Ronde' },
    })
    const round = await cluster.api<{ id: string }>(a, `${P3}/rounds`, {
      method: 'POST',
      body: {
        versionId: version.body.id,
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    })
    const colleague = (name: string) =>
      cluster.invite(a, {
        ...{ name, role: 'reviewer', proposals: ['voorstel-3'] },
        ...{ organisation: 'Gemeente Amersfoort', province: 'Utrecht' },
      })
    const people = [await colleague('Mark'), await colleague('Anna')]
    const path = `${P3}/rounds/${round.body.id}/positions/${blockId}`
    const answers = await Promise.all(
      [a, b].map((instance, i) =>
        cluster.api(instance, path, {
          method: 'PUT',
          token: people[i]!.token,
          body: { position: i === 0 ? 'akkoord' : 'onthouding', replaces: null },
        }),
      ),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const stored = await cluster.api<{ history: unknown[] }>(b, path)
    expect(stored.body.history).toHaveLength(1)
  })
})
