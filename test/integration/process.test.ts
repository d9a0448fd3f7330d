import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient } from '../helpers/clients.ts'
import {
  runServerUntilExit,
  type ServerProcess,
  startServerProcess,
} from '../helpers/serverProcess.ts'
import { appendBlock } from '../helpers/ydoc.ts'

describe('the server process', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  async function dataDir() {
    const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-process-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    return dir
  }
  async function start(env: Record<string, string>): Promise<ServerProcess> {
    const server = await startServerProcess({ PORT: '0', ...env })
    cleanups.push(() => {
      server.child.kill('SIGKILL')
      return server.exited
    })
    return server
  }
  const get = (url: string, token?: string) =>
    fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('[P2][P3][P4] first start: free port, data folder, an administrator whose link is kept in its file (not printed where logs go), seven proposals', async () => {
    const dir = await dataDir()
    const first = await start({ DATA_DIR: dir })
    expect(first.port).toBeGreaterThan(0)
    expect(first.stdout()).toMatch(
      new RegExp(`^listening on http://127\\.0\\.0\\.1:${first.port}$`, 'm'),
    )
    // Its output is no terminal: it says where the link is, and never prints the token.
    const tokenFile = join(dir, 'beheerder-token.txt')
    await vi.waitFor(() =>
      expect(first.stdout()).toContain(
        `Beheerder aangemaakt. Uw aanmeldlink staat in ${tokenFile}`,
      ),
    )
    const kept = await readFile(tokenFile, 'utf8')
    const link = new RegExp(
      `^(http://127\\.0\\.0\\.1:${first.port}/#/welkom\\?token=(\\S+))$`,
      'm',
    ).exec(kept)
    expect(link).not.toBeNull()
    const token = link![2]!
    expect((await stat(tokenFile)).mode & 0o077).toBe(0)
    expect(first.stdout()).not.toContain(token)
    expect(first.stderr()).not.toContain(token)
    expect(first.stdout()).not.toMatch(/welkom\?token=/)

    const proposals = await (await get(`${first.url}/api/proposals`, token)).json()
    expect(proposals).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) =>
        expect.objectContaining({ id: `voorstel-${n}`, title: `Voorstel ${n}`, status: 'concept' }),
      ),
    )
    const people = (await (await get(`${first.url}/api/people`, token)).json()) as Array<{
      role: string
    }>
    expect(people).toEqual([
      expect.objectContaining({ name: 'Beheerder', role: 'editor', proposals: '*' }),
    ])
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    // Later starts point to the file and never print the token; the file follows the new port.
    const second = await start({ DATA_DIR: dir })
    await vi.waitFor(() =>
      expect(second.stdout()).toContain(`Uw aanmeldlink staat in ${tokenFile}`),
    )
    expect(second.stdout()).not.toContain(token)
    expect(second.stderr()).not.toContain(token)
    expect(await readFile(tokenFile, 'utf8')).toContain(`${second.url}/#/welkom?token=${token}`)
    expect(
      ((await (await get(`${second.url}/api/proposals`, token)).json()) as unknown[]).length,
    ).toBe(7)
    expect(
      ((await (await get(`${second.url}/api/people`, token)).json()) as unknown[]).length,
    ).toBe(1)
  })

  it('[P2][A1] ADMIN_TOKEN is an editor on every proposal, and no administrator is created', async () => {
    const dir = await dataDir()
    const adminToken = randomBytes(24).toString('base64url')
    const server = await start({ DATA_DIR: dir, ADMIN_TOKEN: adminToken })
    expect(server.stdout()).not.toMatch(/welkom\?token=/)
    expect((await get(`${server.url}/api/proposals`, adminToken)).status).toBe(200)
    expect((await get(`${server.url}/api/proposals`, 'iets-anders')).status).toBe(401)
    const created = await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Omkering in de praktijk' }),
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ id: 'omkering-in-de-praktijk', status: 'concept' })
  })

  describe('[P6] unreadable data stops the start, names the file, and is never overwritten', () => {
    async function preparedDir() {
      const dir = await dataDir()
      const adminToken = randomBytes(24).toString('base64url')
      const server = await start({ DATA_DIR: dir, ADMIN_TOKEN: adminToken })
      const invite = await fetch(`${server.url}/api/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ name: 'Schrijver', role: 'writer', proposals: ['voorstel-1'] }),
      })
      const { token } = (await invite.json()) as { token: string }
      const writer = connectClient(server.url.replace('http', 'ws'), 'voorstel-1', token)
      await writer.synced()
      appendBlock(writer.doc, 'Iets om te bewaren.')
      await vi.waitFor(async () => {
        const answer = await get(`${server.url}/api/proposals/voorstel-1/content`, adminToken)
        expect(((await answer.json()) as { text: string }).text).toBe('Iets om te bewaren.')
      })
      writer.destroy()
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      return { dir, adminToken }
    }

    it.each([
      [
        'people.json',
        (data: Buffer) => Buffer.concat([data.subarray(0, 20), Buffer.from('{{ kapot')]),
      ],
      ['proposals.json', () => Buffer.from('[1, 2, 3]')],
      [
        'documents/voorstel-1/state-1.bin',
        (data: Buffer) => Buffer.from(data.map((byte, i) => (i === 10 ? byte ^ 0xff : byte))),
      ],
    ])('%s', async (file, corrupt) => {
      const { dir, adminToken } = await preparedDir()
      const path = join(dir, file)
      const original = await readFile(path)
      const damaged = corrupt(original)
      await writeFile(path, damaged)
      const { code, output } = await runServerUntilExit({ DATA_DIR: dir, ADMIN_TOKEN: adminToken })
      expect(code).not.toBe(0)
      expect(output).toContain(path)
      expect(output).not.toMatch(/listening on/)
      expect(Buffer.compare(await readFile(path), damaged)).toBe(0)
      // The positive twin: with the file mended the same folder starts.
      await writeFile(path, original)
      const server = await start({ DATA_DIR: dir, ADMIN_TOKEN: adminToken })
      expect((await get(`${server.url}/healthz`)).status).toBe(200)
    })
  })
})
