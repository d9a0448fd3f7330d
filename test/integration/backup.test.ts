import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf, textOfBlock } from '../helpers/ydoc.ts'

const run = promisify(execFile)

/** `npm run backup -- --to <dir>` as its own process, as an operator runs it. */
async function backup(dataDir: string, to: string) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--to', to], {
    env: { ...process.env, DATA_DIR: dataDir },
  })
}

describe('backups of the embedded storage', () => {
  const servers: TestServer[] = []
  const clients: TestClient[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.close()
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
  })
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-backup-'))
    dirs.push(dir)
    return dir
  }
  /** What a server on `dataDir` serves: text, threads and versions. */
  async function served(server: TestServer) {
    const [content, threads, versions] = await Promise.all([
      server.api<{ text: string }>('/api/proposals/voorstel-1/content'),
      server.api<Array<{ id: string; quote: string }>>('/api/proposals/voorstel-1/threads'),
      server.api<Array<{ id: string; name: string }>>('/api/proposals/voorstel-1/versions'),
    ])
    return {
      text: content.body.text,
      threads: threads.body.map((t) => [t.id, t.quote]),
      versions: versions.body.map((v) => [v.id, v.name]),
    }
  }

  it('a copy made while people type starts, and a copy made at rest serves the same texts, threads and versions', async () => {
    const server = await startServer({ compactAfterBytes: 2_000 })
    servers.push(server)
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const writer = connectClient(server.wsUrl, 'voorstel-1', token)
    clients.push(writer)
    await writer.synced()
    appendBlock(writer.doc, 'Begin van de tekst.')
    await vi.waitFor(() =>
      expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe(
        'Begin van de tekst.',
      ),
    )
    await server.api('/api/proposals/voorstel-1/threads', {
      method: 'POST',
      body: { body: 'Mooi begin', quote: 'Begin' },
    })
    expect(
      (
        await server.api('/api/proposals/voorstel-1/versions', {
          method: 'POST',
          body: { name: 'Eerste versie' },
        })
      ).status,
    ).toBe(201)

    // Keep typing (with compactions, as the log passes 2 kB) while the copy is made.
    let typing = true
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        textOfBlock(writer.doc, 0).insert(textOfBlock(writer.doc, 0).length, ` woord${i}`)
        await new Promise((resolve) => setTimeout(resolve, 3))
      }
    })()
    const during = await tempDir()
    await backup(server.dataDir, during)
    typing = false
    await typist

    const copy = await startServer({ dataDir: during, adminToken: server.adminToken })
    servers.push(copy)
    const fromCopy = await served(copy)
    expect(fromCopy.text.startsWith('Begin van de tekst. woord0')).toBe(true)
    expect(fromCopy.threads.length).toBe(1)
    expect(fromCopy.versions.map(([, name]) => name)).toEqual(['Eerste versie'])

    // At rest, the copy serves exactly what the original serves.
    await vi.waitFor(() =>
      expect(linesOf(server.server.services.rooms.peek('voorstel-1')!.doc)).toBe(
        linesOf(writer.doc),
      ),
    )
    const atRest = await tempDir()
    await backup(server.dataDir, atRest)
    const exact = await startServer({ dataDir: atRest, adminToken: server.adminToken })
    servers.push(exact)
    expect(await served(exact)).toEqual(await served(server))
  })

  it('refuses a target folder that is not empty, and changes nothing there', async () => {
    const server = await startServer()
    servers.push(server)
    const target = await tempDir()
    await backup(server.dataDir, target)
    const error = await backup(server.dataDir, target).catch(
      (e: { code: number; stderr: string }) => e,
    )
    expect((error as { code: number }).code).toBe(1)
    expect((error as { stderr: string }).stderr).toContain('is not empty')
  })
})
