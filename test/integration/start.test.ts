/** `npm start` on its own: one port for the editor, the API and the sync endpoint (P1). */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Runs `npm start` in its own process group, so stopping it stops the server too. */
function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => {
    output += chunk
  })
  child.stderr!.on('data', (chunk) => {
    output += chunk
  })
  return { child, output: () => output }
}

describe('npm start', () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('[P1] builds what is needed and serves the editor, the HTTP API and the sync endpoint on one port', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-start-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const adminToken = randomBytes(24).toString('base64url')
    const started = npmStart({ DATA_DIR: dataDir, ADMIN_TOKEN: adminToken })
    cleanups.push(async () => {
      const group = -started.child.pid!
      const alive = () => {
        try {
          process.kill(group, 0)
          return true
        } catch {
          return false
        }
      }
      if (alive()) process.kill(group, 'SIGTERM')
      // npm may exit before the server has written what it holds: its folder goes
      // once every process of the group has exited.
      await vi.waitFor(
        () => {
          if (alive()) throw new Error('npm start is still stopping')
        },
        { timeout: 10_000, interval: 50 },
      )
    })
    // A clone without a build builds the editor first; that may take a while.
    const url = await vi.waitFor(
      () => {
        const match = /listening on (http:\/\/\S+)/.exec(started.output())
        if (!match) throw new Error(`not listening yet:\n${started.output()}`)
        return match[1]!
      },
      { timeout: 120_000, interval: 100 },
    )

    // The editor: its page and the script it loads, from this port.
    const page = await fetch(`${url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    const script = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    const code = await fetch(new URL(script!, url))
    expect(code.status).toBe(200)
    expect(code.headers.get('content-type')).toContain('javascript')

    // The HTTP API, from the same port.
    const proposals = await fetch(`${url}/api/proposals`, {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    expect(proposals.status).toBe(200)
    expect(((await proposals.json()) as unknown[]).length).toBe(7)

    // The sync endpoint, from the same port: what one client writes reaches another.
    const wsUrl = url.replace(/^http/, 'ws')
    const writer: TestClient = connectClient(wsUrl, 'voorstel-1', adminToken)
    const reader: TestClient = connectClient(wsUrl, 'voorstel-1', adminToken)
    cleanups.push(() => {
      writer.destroy()
      reader.destroy()
    })
    await Promise.all([writer.synced(), reader.synced()])
    appendBlock(writer.doc, 'Geschreven via npm start.')
    await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Geschreven via npm start.'))
  }, 150_000)
})
