/**
 * Starts the real server on port 0 in this process, with a fresh data folder
 * and short intervals, plus small helpers to call its API.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '../../shared/roles.ts'
import { createLogger, type LogLevel } from '../../sync-server/log.ts'
import { PgStorage } from '../../sync-server/persistence/postgres/PgStorage.ts'
import { createServer, type RunningServer, type ServerOptions } from '../../sync-server/server.ts'
import { testDatabaseFor } from './postgres.ts'

/** The room's log line for a change no known path made (see sync-server/rooms/DocumentChanges.ts). */
const UNEXPLAINED_CHANGE = '"message":"unexplained change of the document"'

export interface ApiAnswer<T = unknown> {
  status: number
  body: T
  headers: Headers
}

export interface InviteInput {
  name: string
  role: Role
  proposals: '*' | string[]
  organisation?: string | null
  province?: string | null
  /** Where the invitation goes (M2); without it no mail is sent. */
  email?: string
}

export interface Invited {
  person: { id: string; name: string; organisation: string | null; role: Role }
  token: string
  url: string
}

export interface TestServer {
  readonly url: string
  readonly port: number
  /** `ws://HOST:PORT`; the sync endpoint is `${wsUrl}/sync`. */
  readonly wsUrl: string
  readonly adminToken: string
  readonly dataDir: string
  readonly server: RunningServer
  /** Log lines the server wrote (JSON), for assertions and failure output. */
  readonly logs: string[]
  api<T = unknown>(
    path: string,
    init?: {
      method?: string
      token?: string | null
      body?: unknown
      raw?: BodyInit
      headers?: Record<string, string>
    },
  ): Promise<ApiAnswer<T>>
  invite(input: InviteInput): Promise<Invited>
  /** Stops the server (data stays). */
  stop(): Promise<void>
  /** Stops and starts again on the same port and data folder. */
  restart(): Promise<void>
  /** Stops the server and removes its data folder. */
  close(): Promise<void>
}

export async function startServer(
  options: ServerOptions & { logLevel?: LogLevel } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'meeschrijven-test-')))
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url')
  const logs: string[] = []
  // A change of a document that no known path made is a fault (S8): the test fails on stop.
  const unexplained: string[] = []
  const log = createLogger({
    level: options.logLevel ?? 'info',
    sink: (line) => {
      logs.push(line)
      if (line.includes(UNEXPLAINED_CHANGE)) unexplained.push(line)
    },
  })
  const settings: ServerOptions = {
    port: 0,
    staticDir: null,
    heartbeatMs: 15_000,
    idleUnloadMs: 200,
    ...options,
    dataDir,
    adminToken,
    log,
  }
  // Under the integration-pg project each data folder has its own database (a new
  // storage per start: a stopped server has closed its own); otherwise unchanged.
  const storageFor = async () => {
    const database = options.storage ? null : testDatabaseFor(dataDir)
    return database ? new PgStorage({ url: await database, log }) : options.storage
  }
  let server = await createServer({ ...settings, storage: await storageFor() })
  let stopped = false
  const handle: TestServer = {
    get url() {
      return server.url
    },
    get port() {
      return server.port
    },
    get wsUrl() {
      return server.url.replace(/^http/, 'ws')
    },
    adminToken,
    dataDir,
    get server() {
      return server
    },
    logs,
    async api(path, init = {}) {
      const token = init.token === undefined ? adminToken : init.token
      const headers: Record<string, string> = { ...init.headers }
      if (token) headers.authorization = `Bearer ${token}`
      let body: BodyInit | undefined = init.raw
      if (init.body !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(init.body)
      }
      const response = await fetch(`${server.url}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body,
      })
      const text = await response.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {}
      return { status: response.status, body: parsed as never, headers: response.headers }
    },
    async invite(input) {
      const answer = await handle.api<Invited>('/api/invites', { method: 'POST', body: input })
      if (answer.status !== 201)
        throw new Error(`invite failed: ${answer.status} ${JSON.stringify(answer.body)}`)
      return answer.body
    },
    async stop() {
      if (stopped) return
      stopped = true
      await server.close()
      if (unexplained.length > 0) {
        throw new Error(
          `the server changed a document outside every known path (S8):\n${unexplained.splice(0).join('\n')}`,
        )
      }
    },
    async restart() {
      const port = server.port
      await handle.stop()
      server = await createServer({ ...settings, port, storage: await storageFor() })
      stopped = false
    },
    async close() {
      try {
        await handle.stop()
      } finally {
        await rm(dataDir, { recursive: true, force: true })
      }
    },
  }
  return handle
}
