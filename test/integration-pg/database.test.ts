/**
 * The PostgreSQL twins of the integration tests that read the embedded
 * storage's files (skipped in this project by setup.ts), and a check that this
 * project really runs on PostgreSQL.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../sync-server/log.ts'
import { PgStorage } from '../../sync-server/persistence/postgres/PgStorage.ts'
import { createServer } from '../../sync-server/server.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { testDatabaseFor } from '../helpers/postgres.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { runServerUntilExit, startServerProcess } from '../helpers/serverProcess.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'
import { databaseContents, holding } from './databaseContents.ts'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options)
  cleanups.push(() => server.close())
  return server
}
function client(server: TestServer, token: string): TestClient {
  const c = connectClient(server.wsUrl, 'voorstel-1', token)
  cleanups.push(() => c.destroy())
  return c
}
const databaseOf = (server: TestServer) => testDatabaseFor(server.dataDir)!
async function contentText(server: TestServer, token = server.adminToken): Promise<string> {
  const answer = await server.api<{ text: string }>('/api/proposals/voorstel-1/content', { token })
  return answer.body.text
}

describe('this project stores in PostgreSQL', () => {
  it('[D1] servers in this process and server processes each write to their own database', async () => {
    const server = await start()
    expect(server.server.services.storage).toBeInstanceOf(PgStorage)
    const proposals = (await databaseContents(await databaseOf(server))).filter(
      (v) => v.table === 'proposals' && v.column === 'id',
    )
    expect(proposals.map((v) => v.data.toString())).toContain('voorstel-7')

    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-pg-process-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const process = await startServerProcess({ DATA_DIR: dataDir, PORT: '0' })
    cleanups.push(() => process.child.kill('SIGKILL'))
    const database = await testDatabaseFor(dataDir)!
    expect(database).not.toBe(await databaseOf(server))
    const people = (await databaseContents(database)).filter((v) => v.table === 'people')
    expect(people.length).toBeGreaterThan(0)
    // Only the administrator's token file is in the data folder: the rest is in the database.
    expect(await readdir(dataDir)).toEqual(['beheerder-token.txt'])
  })
})

describe('PostgreSQL twins of the tests that read files', () => {
  it('[A1][P3] no token is anywhere in the database; hashes, names and text are; the admin token only in its file', async () => {
    const server = await start({ adminToken: '' })
    const admin = server.server.admin
    if (admin.kind !== 'created') throw new Error(`expected a created admin, got ${admin.kind}`)
    const invite = (name: string, role: 'writer' | 'reviewer') =>
      server.api<{ token: string; person: { id: string } }>('/api/invites', {
        method: 'POST',
        token: admin.token,
        body: { name, role, proposals: ['voorstel-1'], organisation: 'Gemeente Zwolle' },
      })
    const anna = (await invite('Anna de Vries', 'writer')).body
    const bram = (await invite('Bram Bakker', 'reviewer')).body
    const writer = client(server, anna.token)
    await writer.synced()
    appendBlock(writer.doc, 'Tekst van Anna de Vries')
    await vi.waitFor(async () =>
      expect(await contentText(server, admin.token)).toBe('Tekst van Anna de Vries'),
    )
    const values = await databaseContents(await databaseOf(server))
    for (const token of [admin.token, anna.token, bram.token])
      expect(holding(values, token)).toEqual([])
    for (const token of [admin.token, anna.token, bram.token])
      expect(holding(values, sha256(token))).toContain('people.token_hash')
    expect(holding(values, 'Bram Bakker')).toContain('people.data')
    expect(holding(values, 'Tekst van Anna de Vries').length).toBeGreaterThan(0)
    expect(await readFile(admin.file, 'utf8')).toContain(`/#/welkom?token=${admin.token}`)
  })

  it('[A1] ADMIN_TOKEN is written neither to the database nor to the data folder', async () => {
    const server = await start()
    const invited = await server.invite({ name: 'Dirk', role: 'writer', proposals: '*' })
    const values = await databaseContents(await databaseOf(server))
    expect(values.length).toBeGreaterThan(0)
    expect(holding(values, server.adminToken)).toEqual([])
    expect(holding(values, invited.token)).toEqual([])
    expect(holding(values, sha256(invited.token))).toContain('people.token_hash')
    expect(await readdir(server.dataDir)).toEqual([])
  })

  it("[A3][S5] a reviewer's update is never stored in the database; a writer's same edit is", async () => {
    const server = await start()
    const rita = await server.invite({ name: 'Rita', role: 'reviewer', proposals: ['voorstel-1'] })
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })
    const reviewer = client(server, rita.token)
    const writer = client(server, wim.token)
    await Promise.all([reviewer.synced(), writer.synced()])
    appendBlock(reviewer.doc, 'Tekst van de lezer')
    await vi.waitFor(() => expect(reviewer.closed).toMatchObject({ code: 4403 }))
    appendBlock(writer.doc, 'Tekst van de schrijver')
    await vi.waitFor(async () => expect(await contentText(server)).toBe('Tekst van de schrijver'))
    writer.destroy()
    await server.restart()
    expect(await contentText(server)).toBe('Tekst van de schrijver')
    const values = await databaseContents(await databaseOf(server))
    expect(holding(values, 'Tekst van de schrijver').length).toBeGreaterThan(0)
    expect(holding(values, 'Tekst van de lezer')).toEqual([])
  })

  it('[S3] a client never sees an empty document before the stored one, and joins share one load', async () => {
    const server = await start()
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })
    const writer = client(server, wim.token)
    await writer.synced()
    appendBlock(writer.doc, 'Opgeslagen tekst.')
    await vi.waitFor(async () => expect(await contentText(server)).toBe('Opgeslagen tekst.'))
    writer.destroy()
    await server.stop()
    const storage = new PgStorage({
      url: await databaseOf(server),
      log: createLogger({ level: 'error' }),
    })
    const load = storage.documents.load.bind(storage.documents)
    let loads = 0
    storage.documents.load = async (id) => {
      loads++
      await new Promise((resolve) => setTimeout(resolve, 300))
      return load(id)
    }
    const slow = await createServer({
      port: 0,
      dataDir: server.dataDir,
      adminToken: server.adminToken,
      storage,
      staticDir: null,
    })
    cleanups.push(() => slow.close())
    const joiners = [0, 1, 2].map(() =>
      connectClient(slow.url.replace('http', 'ws'), 'voorstel-1', wim.token),
    )
    cleanups.push(() => {
      for (const joiner of joiners) joiner.destroy()
    })
    const textAtSync = await Promise.all(
      joiners.map(
        (joiner) =>
          new Promise<string>((resolve) =>
            joiner.provider.once('sync', () => resolve(linesOf(joiner.doc))),
          ),
      ),
    )
    expect(textAtSync).toEqual(['Opgeslagen tekst.', 'Opgeslagen tekst.', 'Opgeslagen tekst.'])
    expect(loads).toBe(1)
  })

  it('[P6] an unreachable database or a newer schema stops the start, naming the database; mended, it starts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-pg-p6-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const database = new URL(await testDatabaseFor(dataDir)!)
    const adminToken = randomBytes(24).toString('base64url')
    const unreachable = new URL(database)
    unreachable.port = '1'
    unreachable.password = 'geheim'
    const refused = await runServerUntilExit({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      DATABASE_URL: unreachable.toString(),
    })
    expect(refused.code).not.toBe(0)
    expect(refused.output).toContain(`PostgreSQL database postgres://postgres@127.0.0.1:1/`)
    expect(refused.output).not.toContain('geheim')
    expect(refused.output).not.toMatch(/listening on/)

    // A schema from a newer server: refused, and nothing written (no proposals created).
    const admin = new pg.Client({ connectionString: database.toString() })
    await admin.connect()
    cleanups.push(() => admin.end())
    const migrated = new PgStorage({
      url: database.toString(),
      log: createLogger({ level: 'error' }),
    })
    await migrated.open()
    await migrated.close()
    await admin.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'later')`)
    const newer = await runServerUntilExit({ DATA_DIR: dataDir, ADMIN_TOKEN: adminToken })
    expect(newer.code).not.toBe(0)
    expect(newer.output).toMatch(/schema is at version 999/)
    expect(newer.output).toContain(database.pathname.slice(1))
    expect((await admin.query('SELECT count(*)::int AS n FROM proposals')).rows[0].n).toBe(0)

    await admin.query('DELETE FROM schema_migrations WHERE version = 999')
    const server = await startServerProcess({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      PORT: '0',
    })
    cleanups.push(() => server.child.kill('SIGKILL'))
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect((await admin.query('SELECT count(*)::int AS n FROM proposals')).rows[0].n).toBe(7)
  })
})
