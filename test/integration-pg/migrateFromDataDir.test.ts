import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../sync-server/log.ts'
import { LowdbStorage } from '../../sync-server/persistence/lowdb/LowdbStorage.ts'
import { PgStorage } from '../../sync-server/persistence/postgres/PgStorage.ts'
import type { Storage } from '../../sync-server/persistence/Storage.ts'
import { connectClient } from '../helpers/clients.ts'
import { createDatabaseOn, testClusterUrl } from '../helpers/postgres.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock } from '../helpers/ydoc.ts'

const run = promisify(execFile)
const log = createLogger({ level: 'error', sink: () => {} })
const PROPOSALS = ['voorstel-1', 'voorstel-2']

/** `npm run migrate -- …` as its own process, as an operator runs it. */
async function migrate(url: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url },
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: `${error.stdout}${error.stderr}`,
    }),
  )
}

/** Everything a storage holds for these proposals, as plain data. */
async function everything(storage: Storage) {
  const people = await storage.people.list()
  const byProposal: Record<string, unknown> = {}
  for (const id of PROPOSALS) {
    const { snapshot, log } = await storage.documents.load(id)
    const versions = await storage.versions.list(id)
    const rounds = await storage.rounds.list(id)
    byProposal[id] = {
      snapshot,
      log,
      threads: await storage.threads.list(id),
      versions: await Promise.all(
        versions.map(async (v) => ({ ...v, content: await storage.versions.content(id, v.id) })),
      ),
      rounds: await Promise.all(
        rounds.map(async (r) => ({
          ...r,
          positions: await storage.rounds.positions(id, r.id),
          responses: await storage.rounds.responses(id, r.id),
        })),
      ),
      activity: await storage.activity.list(id, 1000),
      visits: await Promise.all(people.map((p) => storage.visits.get(p.id, id))),
    }
  }
  return {
    people,
    proposals: await storage.proposals.list(),
    general: await storage.activity.list(null, 1000),
    byProposal,
    settings: (await storage.settings.list('')).sort((a, b) => a.key.localeCompare(b.key)),
    signInLinks: await storage.signInTokens.all(),
    mailPreferences: await storage.notifications.allPreferences(),
  }
}

describe('[D3] moving an embedded installation to PostgreSQL', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-migrate-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    return dir
  }
  const serve = async (dataDir: string, adminToken: string, storage: Storage) => {
    const server = await startServer({ dataDir, adminToken, storage })
    cleanups.push(() => server.stop())
    return server
  }

  /** An embedded folder with texts, threads, versions, a round with positions, activity and visits. */
  async function embeddedInstallation() {
    const dataDir = await tempDir()
    const adminToken = randomBytes(24).toString('base64url')
    const server = await serve(dataDir, adminToken, new LowdbStorage({ dataDir, log }))
    const writer = await server.invite({
      ...{ name: 'Anna de Vries', role: 'writer', proposals: PROPOSALS },
      ...{ organisation: 'Gemeente Zwolle', province: 'Overijssel' },
    })
    const reviewer = await server.invite({
      ...{ name: 'Bram Bakker', role: 'reviewer', proposals: ['voorstel-1'] },
      ...{ organisation: 'Gemeente Urk', province: 'Flevoland' },
    })
    for (const [id, text] of [
      ['voorstel-1', 'Over de omkering van de vereniging.'],
      ['voorstel-2', 'Een tweede voorstel.'],
    ] as const) {
      const client = connectClient(server.wsUrl, id, writer.token)
      cleanups.push(() => client.destroy())
      await client.synced()
      appendBlock(client.doc, text)
      await vi.waitFor(async () =>
        expect((await server.api<{ text: string }>(`/api/proposals/${id}/content`)).body.text).toBe(
          text,
        ),
      )
    }
    const thread = await server.api<{ id: string }>('/api/proposals/voorstel-1/threads', {
      method: 'POST',
      token: reviewer.token,
      body: { body: 'Wat bedoelen we hier?', quote: 'omkering' },
    })
    expect(thread.status).toBe(201)
    const reply = await server.api(`/api/proposals/voorstel-1/threads/${thread.body.id}/comments`, {
      method: 'POST',
      token: writer.token,
      body: { body: 'Dat leggen we uit.' },
    })
    expect(reply.status).toBe(201)
    const version = await server.api<{ id: string }>('/api/proposals/voorstel-1/versions', {
      method: 'POST',
      token: writer.token,
      body: { name: 'Eerste versie' },
    })
    expect(version.status).toBe(201)
    // Rounds have no HTTP API yet: stored as the rounds service will store them.
    const storage = server.server.services.storage
    await storage.rounds.put({
      ...{ id: 'r-1', proposalId: 'voorstel-1', versionId: version.body.id, title: 'Consultatie' },
      ...{ closesAt: '2030-01-01T00:00:00.000Z', createdAt: new Date().toISOString() },
      createdBy: writer.person.id,
    })
    for (const [person, position, reason] of [
      [writer, 'akkoord', null],
      [reviewer, 'niet-akkoord', 'Te vaag'],
      [writer, 'akkoord-mits', 'Mits er geld komt'],
    ] as const) {
      await storage.rounds.addPosition('voorstel-1', {
        ...{ roundId: 'r-1', blockId: 'p-1', organisation: person.person.organisation! },
        ...{ province: null, position, reason, personId: person.person.id },
        createdAt: new Date().toISOString(),
      })
    }
    await storage.rounds.addResponse('voorstel-1', {
      ...{ roundId: 'r-1', blockId: 'p-1', text: 'Wij nemen de voorwaarde over.' },
      ...{ personId: writer.person.id, createdAt: new Date().toISOString() },
    })
    await storage.visits.put(reviewer.person.id, 'voorstel-1', new Date().toISOString())
    // Reaching people: a moved step, a sign-in link sent by mail, someone who unsubscribed.
    await storage.settings.put('timeline:alv', { value: '2027-06-14', by: 'beheerder', at: 'x' })
    await storage.signInTokens.put({
      ...{ id: 'm-link', personId: reviewer.person.id, tokenHash: 'a'.repeat(64) },
      createdAt: new Date().toISOString(),
    })
    await storage.notifications.setPreferences(writer.person.id, {
      ...{ reply: false, decision: false, round: false, reminder: false },
    })
    await server.stop()
    // An update in the log after the snapshot the shutdown wrote, as the server appends one.
    const direct = new LowdbStorage({ dataDir, log })
    await direct.open()
    const doc = new Y.Doc()
    const stored = await direct.documents.load('voorstel-2')
    Y.applyUpdate(doc, stored.snapshot!.state)
    const before = Y.encodeStateVector(doc)
    // With a passage id of its own, or each server would name it anew on loading.
    appendBlock(doc, 'Geschreven na de laatste samenvoeging.', 'paragraph', { blockId: 'p-na' })
    const update = Y.encodeStateAsUpdate(doc, before)
    await direct.documents.append('voorstel-2', { personId: writer.person.id, update })
    await direct.close()
    return {
      dataDir,
      adminToken,
      writer,
      reviewer,
      thread: thread.body.id,
      version: version.body.id,
    }
  }

  it('[D3] the copy holds exactly what the folder holds, and serves identical answers to every read', async () => {
    const installation = await embeddedInstallation()
    const { dataDir, adminToken } = installation
    const url = await createDatabaseOn(testClusterUrl())
    const copied = await migrate(url, '--from-data-dir', dataDir)
    expect(copied, copied.output).toMatchObject({ code: 0 })
    expect(copied.output).toMatch(
      /2 personen, 7 voorstellen, 2 teksten \(1 wijzigingen.*1 rondes, 3 standpunten, 1 reacties van de VNG/,
    )

    const embedded = new LowdbStorage({ dataDir, log })
    const database = new PgStorage({ url, log })
    await Promise.all([embedded.open(), database.open()])
    const [expected, actual] = await Promise.all([everything(embedded), everything(database)])
    await Promise.all([embedded.close(), database.close()])
    expect((expected.byProposal['voorstel-2'] as { log: unknown[] }).log.length).toBe(1)
    expect((expected.byProposal['voorstel-1'] as { rounds: unknown[] }).rounds.length).toBe(1)
    expect(actual).toEqual(expected)

    const before = await serve(dataDir, adminToken, new LowdbStorage({ dataDir, log }))
    const after = await serve(await tempDir(), adminToken, new PgStorage({ url, log }))
    await compareReads(before, after, installation)
  })

  it('[D3] refuses a database that already holds proposals and changes nothing; --force replaces it', async () => {
    const { dataDir } = await embeddedInstallation()
    const url = await createDatabaseOn(testClusterUrl())
    const client = new pg.Client({ connectionString: url })
    const title = async () =>
      (await client.query(`SELECT data->>'title' AS t FROM proposals WHERE id = 'voorstel-1'`))
        .rows[0]?.t
    expect((await migrate(url, '--from-data-dir', dataDir)).code).toBe(0)
    await client.connect()
    cleanups.push(() => client.end())
    await client.query(
      `UPDATE proposals SET data = json_build_object('id', id, 'title', 'Gewijzigd in de database',
         'status', 'concept') WHERE id = 'voorstel-1'`,
    )
    const refused = await migrate(url, '--from-data-dir', dataDir)
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/bevat al 7 voorstellen.*--force/s)
    expect(await title()).toBe('Gewijzigd in de database')

    const forced = await migrate(url, '--from-data-dir', dataDir, '--force')
    expect(forced, forced.output).toMatchObject({ code: 0 })
    expect(await title()).toBe('Voorstel 1')
    const { rows } = await client.query('SELECT count(*)::int AS n FROM people')
    expect(rows[0].n).toBe(2)
  })
})

/** Every read endpoint, as the editor and as the others, answers the same on both servers. */
async function compareReads(
  before: TestServer,
  after: TestServer,
  ids: { writer: { token: string }; reviewer: { token: string }; thread: string; version: string },
) {
  const admin = before.adminToken
  const reads: Array<[string, string]> = [['/api/me', ids.writer.token]]
  reads.push(['/api/me', ids.reviewer.token], ['/api/proposals', ids.reviewer.token])
  reads.push(['/api/me', admin], ['/api/people', admin], ['/api/proposals', admin])
  reads.push(['/api/activity', admin])
  for (const id of PROPOSALS) {
    const base = `/api/proposals/${id}`
    for (const path of [
      '',
      '/content',
      '/threads',
      '/threads?status=open',
      '/versions',
      '/activity',
    ])
      reads.push([`${base}${path}`, admin])
    reads.push([`${base}/rounds`, admin], [`${base}/content`, ids.writer.token])
  }
  const base = '/api/proposals/voorstel-1'
  reads.push([`${base}/threads/${ids.thread}`, admin], [`${base}/versions/${ids.version}`, admin])
  reads.push([`${base}/versions/${ids.version}/diff?against=current`, admin])
  reads.push([`${base}/threads`, ids.reviewer.token])
  for (const [path, token] of reads) {
    const [a, b] = await Promise.all([before.api(path, { token }), after.api(path, { token })])
    expect({ path, status: b.status, body: b.body }).toEqual({
      path,
      status: a.status,
      body: a.body,
    })
  }
  // Equal answers must not be equal refusals: these are real answers on PostgreSQL.
  const text = await after.api<{ text: string }>('/api/proposals/voorstel-2/content')
  expect(text.body.text).toBe('Een tweede voorstel.\nGeschreven na de laatste samenvoeging.')
  const threads = await after.api<Array<{ comments: unknown[] }>>(`${base}/threads`)
  expect(threads.body.map((t) => t.comments.length)).toEqual([2])
  const version = await after.api<{ text: string }>(`${base}/versions/${ids.version}`)
  expect(version).toMatchObject({
    status: 200,
    body: { text: 'Over de omkering van de vereniging.' },
  })
  expect((await after.api<unknown[]>('/api/people')).body.length).toBe(2)
}
