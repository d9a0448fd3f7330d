import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../sync-server/log.ts'
import { faultyFileOps } from '../../sync-server/persistence/faultyFileOps.fixture.ts'
import type { FileOps } from '../../sync-server/persistence/fileOps.ts'
import { LowdbStorage } from '../../sync-server/persistence/lowdb/LowdbStorage.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

const WAIT = { timeout: 15_000, interval: 50 }

describe('writes that fail on the embedded storage', () => {
  let dataDir: string
  let server: TestServer
  const clients: TestClient[] = []
  const storageLines: Array<{ level: string; message: string }> = []
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
    storageLines.length = 0
  })

  /** The server on `dataDir`, its documents written through `ops`. */
  async function start(ops: FileOps, port = 0) {
    const log = createLogger({ sink: (line) => storageLines.push(JSON.parse(line)) })
    server = await startServer({
      dataDir,
      port,
      adminToken: 'beheerder-token-voor-schrijffouten',
      storage: new LowdbStorage({ dataDir, log, fsyncDelayMs: 5, fileOps: ops }),
    })
  }

  async function twoWriters() {
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
    const a = connectClient(server.wsUrl, 'voorstel-1', anna.token)
    const b = connectClient(server.wsUrl, 'voorstel-1', bram.token)
    clients.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    return { a, b }
  }

  const storedText = async () =>
    (await server.api<{ text: string }>('/api/proposals/voorstel-1/content')).body.text
  const logged = (message: string) =>
    [...server.logs.map((line) => JSON.parse(line)), ...storageLines].some(
      (line: { level: string; message: string }) =>
        line.level === 'error' && line.message.includes(message),
    )

  it('[P5] a write that fails (a full disk) closes the proposal’s sockets with 1011 storage_failed and is logged; the unacknowledged edit stays with its writer, who sends it after the restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-writes-'))
    const { ops, faults } = faultyFileOps()
    await start(ops)
    const { a, b } = await twoWriters()
    appendBlock(a.doc, 'Eerste alinea.')
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('Eerste alinea.'), WAIT)

    const reasons: string[] = []
    b.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) reasons.push(event.reason)
    })
    faults.failWrites = true
    appendBlock(a.doc, 'Tweede alinea.')
    await vi.waitFor(() => expect(a.closeCodes).toContain(1011), WAIT)
    await vi.waitFor(() => expect(b.closeCodes).toContain(1011), WAIT)
    expect(reasons).toContain('storage_failed')
    expect(logged('writing an update failed')).toBe(true)
    expect(logged('write of a proposal')).toBe(true)
    // Nothing of it was acknowledged: not to the other writer, not in storage.
    expect(linesOf(b.doc)).toBe('Eerste alinea.')
    expect(await storedText()).toBe('Eerste alinea.')
    expect(linesOf(a.doc)).toBe('Eerste alinea.\nTweede alinea.')

    // The disk is replaced; the next start reads the proposal, and the writer brings the edit back.
    const port = server.port
    await server.stop()
    faults.failWrites = false
    await start(ops, port)
    await vi.waitFor(
      async () => expect(await storedText()).toBe('Eerste alinea.\nTweede alinea.'),
      WAIT,
    )
    await vi.waitFor(() => expect(linesOf(b.doc)).toBe('Eerste alinea.\nTweede alinea.'), WAIT)
    expect(a.closed).toBeNull()
  })

  it('[P5] an fsync that fails is logged and closes the proposal’s sockets with 1011; what was written stays, and the next start reads it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-writes-'))
    const { ops, faults } = faultyFileOps()
    await start(ops)
    const { a, b } = await twoWriters()
    appendBlock(a.doc, 'Voor de storing.')
    await vi.waitFor(async () => expect(await storedText()).toBe('Voor de storing.'), WAIT)

    faults.failFsync = true
    appendBlock(a.doc, 'Tijdens de storing.')
    await vi.waitFor(() => expect(b.closeCodes).toContain(1011), WAIT)
    await vi.waitFor(() => expect(a.closeCodes).toContain(1011), WAIT)
    expect(logged('fsync of a proposal')).toBe(true)

    const port = server.port
    await server.stop()
    faults.failFsync = false
    await start(ops, port)
    await vi.waitFor(
      async () => expect(await storedText()).toBe('Voor de storing.\nTijdens de storing.'),
      WAIT,
    )
    await vi.waitFor(
      () => expect(linesOf(b.doc)).toBe('Voor de storing.\nTijdens de storing.'),
      WAIT,
    )
  })
})
