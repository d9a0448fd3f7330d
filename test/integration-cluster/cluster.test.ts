import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import * as Y from 'yjs'
import { caret } from '../helpers/carets.ts'
import { connectClient, holdOutgoing, type TestClient } from '../helpers/clients.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import { yjsState } from '../helpers/replicas.ts'
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

describe('[D1] three instances serve one proposal together', () => {
  let cluster: TestCluster
  const clients: TestClient[] = []
  beforeAll(async () => {
    cluster = await startTestCluster(inject('clusterPostgresUrl'), 3)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await cluster.stop()
  })
  const wsOf = (i: number) => cluster.instances[i]!.url.replace('http', 'ws')
  const connect = (i: number, token: string, proposal = 'voorstel-1') => {
    // Clients that ask for events (E1), as the editor's do.
    const client = connectClient(wsOf(i), proposal, token, { events: true })
    clients.push(client)
    return client
  }

  it('[S4][D1] after ten pastes of 1 MiB deleted again through one instance, typing through another is accepted', async () => {
    const [anna, bram] = await Promise.all(
      ['Anna', 'Bram'].map((name, i) =>
        cluster.invite(cluster.instances[i]!, { name, role: 'writer', proposals: ['voorstel-7'] }),
      ),
    )
    const paster = connect(0, anna!.token, 'voorstel-7')
    const typist = connect(1, bram!.token, 'voorstel-7')
    await Promise.all([paster.synced(), typist.synced()])
    appendBlock(paster.doc, 'Begin.')
    await vi.waitFor(() => expect(linesOf(typist.doc)).toBe('Begin.'))
    for (let i = 0; i < 10; i++) {
      textOfBlock(paster.doc, 0).insert(6, 'x'.repeat(1024 * 1024))
      await vi.waitFor(() => expect(textOfBlock(typist.doc, 0).length).toBe(6 + 1024 * 1024))
      textOfBlock(paster.doc, 0).delete(6, 1024 * 1024)
      await vi.waitFor(() => expect(linesOf(typist.doc)).toBe('Begin.'))
    }
    textOfBlock(typist.doc, 0).insert(6, ' Getypt bij de tweede.')
    await vi.waitFor(() => {
      expect(typist.closed).toBeNull()
      expect(linesOf(paster.doc)).toBe('Begin. Getypt bij de tweede.')
    })
  })

  it('[D1][S1] clients on different instances converge, and see each other’s carets', async () => {
    const people = await Promise.all(
      ['Anna', 'Bram', 'Cor'].map((name, i) =>
        cluster.invite(cluster.instances[i]!, { name, role: 'writer', proposals: ['voorstel-1'] }),
      ),
    )
    const [a, b, c] = people.map((person, i) => connect(i, person.token))
    await Promise.all([a!, b!, c!].map((client) => client.synced()))
    appendBlock(a!.doc, 'Van instantie A.')
    await vi.waitFor(() => expect(linesOf(c!.doc)).toBe('Van instantie A.'))
    textOfBlock(b!.doc, 0).insert(0, 'B: ')
    textOfBlock(c!.doc, 0).insert(textOfBlock(c!.doc, 0).length, ' En C.')
    await vi.waitFor(() => {
      for (const client of [a!, b!, c!])
        expect(linesOf(client.doc)).toBe('B: Van instantie A. En C.')
    })
    c!.provider.awareness.setLocalStateField('cursor', caret(1))
    await vi.waitFor(() => {
      const seen = [...a!.provider.awareness.getStates().values()].map(
        (state) => (state as { user?: { name: string } }).user?.name,
      )
      expect(seen).toContain('Cor')
    })
    // The server-side state agrees on every instance.
    for (const instance of cluster.instances) {
      await vi.waitFor(async () => {
        const content = await cluster.api<{ text: string }>(
          instance,
          '/api/proposals/voorstel-1/content',
        )
        expect(content.body.text).toBe('B: Van instantie A. En C.')
      })
    }
  })

  it('[C7][D1] a thread opened on one instance reaches a client of another within a second', async () => {
    const reader = await cluster.invite(cluster.instances[2]!, {
      name: 'Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    const watcher = connect(2, reader.token)
    const events: Array<{ type: string; threads?: Array<{ quote: string }> }> = []
    watcher.provider.messageHandlers[100] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)))
    }
    await watcher.synced()
    const opened = await cluster.api(cluster.instances[0]!, '/api/proposals/voorstel-1/threads', {
      method: 'POST',
      token: reader.token,
      body: { body: 'Waarom A?', quote: 'instantie A' },
    })
    expect(opened.status).toBe(201)
    await vi.waitFor(
      () =>
        expect(
          events.some((e) => e.type === 'threads' && e.threads?.[0]?.quote === 'instantie A'),
        ).toBe(true),
      {
        timeout: 1000,
      },
    )
    // Another instance lists it too.
    const listed = await cluster.api<Array<{ quote: string }>>(
      cluster.instances[1]!,
      '/api/proposals/voorstel-1/threads',
    )
    expect(listed.body.map((t) => t.quote)).toContain('instantie A')
  })

  it('[C2][D1] a thread opened where the proposal is open takes replies through the other instances in turn, after they listed the proposals; every instance lists all', async () => {
    const writer = await cluster.invite(cluster.instances[0]!, {
      name: 'Schrijver',
      role: 'writer',
      proposals: ['voorstel-6'],
    })
    let threadId = ''
    const held = connect(0, writer.token, 'voorstel-6')
    await held.synced()
    appendBlock(held.doc, 'Een tekst om op te reageren.')
    const members = await Promise.all(
      [0, 1, 2].map((i) =>
        cluster.invite(cluster.instances[i]!, {
          name: `Lid ${i}`,
          role: 'reviewer',
          proposals: ['voorstel-6'],
        }),
      ),
    )
    // Every instance has read the proposals, and with them their threads, before.
    for (const instance of cluster.instances)
      expect((await cluster.api(instance, '/api/proposals')).status).toBe(200)
    await vi.waitFor(async () => {
      const opened = await cluster.api<{ id: string }>(
        cluster.instances[0]!,
        '/api/proposals/voorstel-6/threads',
        { method: 'POST', token: members[0]!.token, body: { body: 'Waarom?', quote: 'tekst' } },
      )
      expect(opened.status).toBe(201)
      threadId = opened.body.id
    })
    for (const i of [1, 2, 0]) {
      const reply = await cluster.api(
        cluster.instances[i]!,
        `/api/proposals/voorstel-6/threads/${threadId}/comments`,
        { method: 'POST', token: members[i]!.token, body: { body: `Antwoord via ${i}` } },
      )
      expect(reply.status).toBe(201)
    }
    for (const instance of cluster.instances) {
      const listed = await cluster.api<Array<{ id: string; comments: Array<{ body: string }> }>>(
        instance,
        '/api/proposals/voorstel-6/threads',
      )
      const thread = listed.body.find((t) => t.id === threadId)
      expect(thread?.comments.map((c) => c.body)).toEqual([
        'Waarom?',
        'Antwoord via 1',
        'Antwoord via 2',
        'Antwoord via 0',
      ])
    }
  })

  it('[A5][D1] an invitation made on one instance works on another; a revocation closes sockets everywhere', async () => {
    const person = await cluster.invite(cluster.instances[0]!, {
      name: 'Dirk',
      role: 'writer',
      proposals: ['voorstel-1', 'voorstel-2'],
    })
    const onB = connect(1, person.token)
    const onC = connect(2, person.token, 'voorstel-2')
    await Promise.all([onB.synced(), onC.synced()])
    const other = await cluster.invite(cluster.instances[0]!, {
      name: 'Els',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const stays = connect(2, other.token)
    await stays.synced()
    const revoked = await cluster.api(cluster.instances[0]!, `/api/people/${person.person.id}`, {
      method: 'DELETE',
    })
    expect(revoked.status).toBe(200)
    await vi.waitFor(() => {
      expect(onB.closed?.code).toBe(4401)
      expect(onC.closed?.code).toBe(4401)
    })
    expect(stays.closed).toBeNull()
    for (const instance of cluster.instances) {
      expect((await cluster.api(instance, '/api/me', { token: person.token })).status).toBe(401)
    }
  })

  it('[A6][D1] a Yjs client id one person uses is refused to another person on another instance', async () => {
    const anna = await cluster.invite(cluster.instances[0]!, {
      name: 'Anna2',
      role: 'writer',
      proposals: ['voorstel-3'],
    })
    const mallory = await cluster.invite(cluster.instances[0]!, {
      name: 'Mallory',
      role: 'writer',
      proposals: ['voorstel-3'],
    })
    const a = connect(0, anna.token, 'voorstel-3')
    await a.synced()
    appendBlock(a.doc, 'Van Anna.')
    const watcher = connect(1, mallory.token, 'voorstel-3')
    await vi.waitFor(() => expect(linesOf(watcher.doc)).toBe('Van Anna.'))
    // A copy of Anna's document under Anna's client id, written by Mallory on instance B.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(a.doc))
    forged.clientID = a.doc.clientID
    const attacker = connectClient(wsOf(1), 'voorstel-3', mallory.token, {
      doc: forged,
      connect: false,
    })
    clients.push(attacker)
    attacker.provider.connect()
    await attacker.synced().catch(() => {})
    textOfBlock(forged, 0).insert(0, 'Namens Anna: ')
    await vi.waitFor(() => expect(attacker.closed?.code).toBe(4400))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(linesOf(a.doc)).toBe('Van Anna.')
  })

  it('[H4][D1] the frozen status holds on every instance, and lifts everywhere', async () => {
    const writer = await cluster.invite(cluster.instances[0]!, {
      name: 'Fien',
      role: 'writer',
      proposals: ['voorstel-4'],
    })
    const onC = connect(2, writer.token, 'voorstel-4')
    await onC.synced()
    appendBlock(onC.doc, 'Voor het vaststellen.')
    await vi.waitFor(async () => {
      const content = await cluster.api<{ text: string }>(
        cluster.instances[0]!,
        '/api/proposals/voorstel-4/content',
      )
      expect(content.body.text).toBe('Voor het vaststellen.')
    })
    const events: Array<{ type: string; reason?: string; status?: string }> = []
    onC.provider.messageHandlers[100] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)))
    }
    expect(
      (
        await cluster.api(cluster.instances[0]!, '/api/proposals/voorstel-4', {
          method: 'PATCH',
          body: { status: 'vastgesteld' },
        })
      ).status,
    ).toBe(200)
    await vi.waitFor(() =>
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'status', status: 'vastgesteld' }),
      ),
    )
    textOfBlock(onC.doc, 0).insert(0, 'Stiekem: ')
    await vi.waitFor(() =>
      expect(events).toContainEqual(expect.objectContaining({ type: 'refused', reason: 'frozen' })),
    )
    const frozen = await cluster.api<{ text: string }>(
      cluster.instances[1]!,
      '/api/proposals/voorstel-4/content',
    )
    expect(frozen.body.text).toBe('Voor het vaststellen.')
  })

  it('[S8][D1] Yjs’s formatting cleanup on one instance reaches the clients of every instance', async () => {
    const [anna, bram, lies] = await Promise.all(
      (['writer', 'writer', 'reviewer'] as const).map((role, i) =>
        cluster.invite(cluster.instances[0]!, {
          name: `Opmaak ${i}`,
          role,
          proposals: ['voorstel-5'],
        }),
      ),
    )
    const [a, b, r] = [anna!, bram!, lies!].map((person, i) =>
      connect(i, person.token, 'voorstel-5'),
    )
    await Promise.all([a!, b!, r!].map((client) => client.synced()))
    const sentence = 'Gemeenten nemen samen het voortouw in de transities'
    appendBlock(a!.doc, sentence)
    await vi.waitFor(() => {
      for (const client of [b!, r!]) expect(linesOf(client.doc)).toBe(sentence)
    })
    // Bram deletes words Anna makes bold at the same moment; his instance gets hers first.
    const uplink = holdOutgoing(b!)
    textOfBlock(b!.doc, 0).delete(8, 10)
    textOfBlock(a!.doc, 0).format(10, 5, { bold: {} })
    await vi.waitFor(async () => {
      const content = await cluster.api<{ doc: unknown }>(
        cluster.instances[1]!,
        '/api/proposals/voorstel-5/content',
      )
      expect(JSON.stringify(content.body.doc)).toContain('bold')
    })
    uplink.release()
    await vi.waitFor(() => {
      const expected = yjsState(a!.doc)
      expect(expected.text).toBe(sentence.slice(0, 8) + sentence.slice(18))
      for (const client of [b!, r!]) expect(yjsState(client.doc)).toEqual(expected)
    })
    expect(r!.closed).toBeNull()
    for (const instance of cluster.instances) {
      expect(instance.stderr()).not.toContain('unexplained change of the document')
    }
  })
})
