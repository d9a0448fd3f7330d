import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import * as Y from 'yjs'
import { StreamDocumentStore } from '../../sync-server/cluster/StreamDocumentStore.ts'
import { parseStreamId, type StreamId } from '../../sync-server/cluster/streamIds.ts'
import { createLogger } from '../../sync-server/log.ts'
import { PgStorage } from '../../sync-server/persistence/postgres/PgStorage.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'
import { createDatabaseOn } from '../helpers/postgres.ts'
import { startRedis, type TestRedis } from '../helpers/redis.ts'
import { appendBlock, fragmentOf, linesOf, textOfBlock } from '../helpers/ydoc.ts'

/** True when `stored` already has every insertion and deletion of `seen`. */
function holdsEverything(stored: Y.Doc, seen: Y.Doc): boolean {
  const before = fragmentOf(stored).toString()
  const vector = Buffer.from(Y.encodeStateVector(stored))
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(seen))
  return (
    fragmentOf(stored).toString() === before &&
    Buffer.compare(Buffer.from(Y.encodeStateVector(stored)), vector) === 0
  )
}

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('[D2] an instance dies while people type', () => {
  let cluster: TestCluster
  const clients: TestClient[] = []
  beforeAll(async () => {
    cluster = await startTestCluster(inject('clusterPostgresUrl'), 3)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await cluster.stop()
  })

  it('kill -9 of one of three while 20 clients type: nothing broadcast is lost, the others keep serving, its clients converge elsewhere; and after the whole cluster is killed, one instance has it all', {
    timeout: 120_000,
  }, async () => {
    const [a, b, c] = cluster.instances as [never, never, never] & typeof cluster.instances
    const ws = (instance: (typeof cluster.instances)[number]) => instance.url.replace('http', 'ws')
    const writers: Array<{ client: TestClient; on: number }> = []
    for (let i = 0; i < 20; i++) {
      const { token } = await cluster.invite(a, {
        name: `Schrijver ${i}`,
        role: 'writer',
        proposals: ['voorstel-1'],
      })
      writers.push({
        client: connectClient(ws(cluster.instances[i % 3]!), 'voorstel-1', token),
        on: i % 3,
      })
    }
    const reader = await cluster.invite(a, {
      name: 'Lezer',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    // What the doomed instance broadcast is what its own reader received.
    const doomedReader = connectClient(ws(c), 'voorstel-1', reader.token)
    const survivorReader = connectClient(ws(a), 'voorstel-1', reader.token)
    clients.push(...writers.map((w) => w.client), doomedReader, survivorReader)
    await Promise.all(clients.map((client) => client.synced()))
    appendBlock(writers[0]!.client.doc, 'Start.')
    await vi.waitFor(() => expect(linesOf(doomedReader.doc)).toContain('Start.'))

    let typing = true
    const typists = writers.map(async ({ client }, n) => {
      while (typing) {
        if (client.provider.wsconnected && fragmentOf(client.doc).length > 0) {
          const text = textOfBlock(client.doc, 0)
          text.insert(Math.min(n, text.length), String.fromCharCode(97 + (n % 26)))
        }
        await new Promise((resolve) => setTimeout(resolve, 15 + (n % 5)))
      }
    })
    await vi.waitFor(() => expect(textOfBlock(doomedReader.doc, 0).length).toBeGreaterThan(200), {
      timeout: 20_000,
    })
    await cluster.kill(c)
    const broadcastByDoomed = copyOf(doomedReader.doc)
    doomedReader.provider.destroy()

    // Before the doomed instance's writers come back (and could send it again),
    // the survivors hold everything it broadcast: it was in Redis first.
    await vi.waitFor(
      () => expect(holdsEverything(copyOf(survivorReader.doc), broadcastByDoomed)).toBe(true),
      {
        timeout: 10_000,
      },
    )
    // The others keep serving.
    const before = textOfBlock(survivorReader.doc, 0).length
    await vi.waitFor(
      () => expect(textOfBlock(survivorReader.doc, 0).length).toBeGreaterThan(before + 100),
      { timeout: 20_000 },
    )
    // The doomed instance's writers come back through another instance, with their documents.
    for (const writer of writers.filter((w) => w.on === 2)) {
      const { doc } = writer.client
      writer.client.provider.destroy()
      const token = (writer.client.provider as unknown as { params: { token: string } }).params
        .token
      writer.client = connectClient(ws(b), 'voorstel-1', token, { doc })
      clients.push(writer.client)
    }
    await Promise.all(writers.map((w) => w.client.synced()))
    typing = false
    await Promise.all(typists)
    await vi.waitFor(
      () => {
        const expected = fragmentOf(survivorReader.doc).toString()
        for (const { client } of writers) expect(fragmentOf(client.doc).toString()).toBe(expected)
      },
      { timeout: 20_000 },
    )
    expect(holdsEverything(copyOf(survivorReader.doc), broadcastByDoomed)).toBe(true)
    const everything = copyOf(survivorReader.doc)
    for (const client of clients) client.provider.destroy()

    // The whole cluster dies; one instance comes back with everything.
    for (const instance of [a, b]) await cluster.kill(instance)
    const revived = await cluster.startInstance()
    const fresh = connectClient(ws(revived), 'voorstel-1', reader.token)
    clients.push(fresh)
    await fresh.synced()
    expect(holdsEverything(copyOf(fresh.doc), everything)).toBe(true)
    expect(holdsEverything(copyOf(fresh.doc), broadcastByDoomed)).toBe(true)
  })
})

describe('[D1] two instances racing to compact one proposal', () => {
  let redis: TestRedis
  let postgres: PgStorage
  const connections: Redis[] = []
  beforeAll(async () => {
    redis = await startRedis()
    postgres = new PgStorage({
      url: await createDatabaseOn(inject('clusterPostgresUrl')),
      log: createLogger({ level: 'error', sink: () => {} }),
    })
    await postgres.open()
  })
  afterAll(async () => {
    for (const connection of connections) connection.disconnect()
    await postgres.close()
    await redis.stop()
  })

  function store(instanceId: string, position: () => StreamId | null) {
    const connection = new Redis(redis.url)
    connections.push(connection)
    return new StreamDocumentStore({
      redis: connection,
      pool: postgres.pool,
      fallback: postgres.documents,
      instanceId,
      log: createLogger({ level: 'error', sink: () => {} }),
      leaseMs: 5000,
      appliedUpTo: position,
    })
  }

  it('the newer state wins, the stream is trimmed no further than it holds, and nothing is lost', async () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 6; i++) appendBlock(doc, `Alinea ${i}.`)
    const writer = store('i-writer', () => null)
    for (const update of updates) await writer.append('voorstel-9', { personId: 'p', update })
    const ids = (await connections[0]!.xrange('ms:doc:voorstel-9', '-', '+')).map(([id]) =>
      parseStreamId(id),
    )
    const stateAfter = (count: number) => {
      const partial = new Y.Doc()
      for (const update of updates.slice(0, count)) Y.applyUpdate(partial, update)
      return { state: Y.encodeStateAsUpdate(partial), authorship: new Uint8Array() }
    }
    const slow = store('i-slow', () => ids[1]!)
    const fast = store('i-fast', () => ids[3]!)
    // Both at once: one holds the lease, the other leaves it.
    await Promise.all([
      slow.compact('voorstel-9', stateAfter(2)),
      fast.compact('voorstel-9', stateAfter(4)),
    ])
    // Then the slow one again, with its older state: fenced out.
    await fast.compact('voorstel-9', stateAfter(4))
    await slow.compact('voorstel-9', stateAfter(2))
    const { rows } = await postgres.pool.query(
      'SELECT stream_ms, stream_seq FROM cluster_snapshots WHERE proposal_id = $1',
      ['voorstel-9'],
    )
    expect({ ms: rows[0].stream_ms, seq: rows[0].stream_seq }).toEqual(ids[3])
    const left = await connections[0]!.xrange('ms:doc:voorstel-9', '-', '+')
    expect(left.map(([id]) => parseStreamId(id))).toEqual(ids.slice(4))
    // A new instance reads the state and the rest of the stream: all six paragraphs.
    const reader = store('i-reader', () => null)
    const loaded = await reader.load('voorstel-9')
    const rebuilt = new Y.Doc()
    if (loaded.snapshot) Y.applyUpdate(rebuilt, loaded.snapshot.state)
    for (const record of loaded.log) Y.applyUpdate(rebuilt, record.update)
    expect(linesOf(rebuilt)).toBe(linesOf(doc))
  })
})
