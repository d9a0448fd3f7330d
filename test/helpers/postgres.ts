/**
 * A throwaway PostgreSQL from Debian's packages, for tests and the benchmark:
 * `initdb` into a temporary folder, `postgres` on a free loopback port, one
 * fresh database per caller. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the `postgres` user and is started through `runuser`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import pg from 'pg'

export interface TestPostgres {
  /** The cluster's `postgres` database, as superuser. */
  url: string
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>
  /** The postmaster's process id (its backends are its children), for CPU accounting. */
  pid(): number | null
  stop(): Promise<void>
}

export interface StartPostgresOptions {
  /** fsync WAL at commit as in production; off is faster and still survives kill -9 of clients. @default false */
  fsync?: boolean
}

/** The newest `/usr/lib/postgresql/<version>/bin`, or null when none is installed. */
export function findPostgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Runs a PostgreSQL binary as `postgres` when we are root (it refuses root). */
function asOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args]
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`postgres exited (${child.exitCode}):\n${output()}`)
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      return
    } catch (error) {
      await client.end().catch(() => {})
      if (Date.now() > deadline) throw new Error(`postgres did not start: ${error}\n${output()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/**
 * Starts a private cluster.
 * @throws when PostgreSQL is not installed or does not start (callers decide to skip)
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const bin = findPostgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)')
  const dir = await mkdtemp('/tmp/meeschrijven-pg-')
  const data = join(dir, 'data')
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    chownSync(dir, uid, gid)
  }
  const [initdb, initArgs] = asOwner(join(bin, 'initdb'), [
    ...['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
  ])
  execFileSync(initdb, initArgs, { stdio: 'pipe' })
  const port = await freePort()
  const [postgres, args] = asOwner(join(bin, 'postgres'), [
    ...['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'],
    ...['-c', 'max_connections=300', '-c', `fsync=${options.fsync ? 'on' : 'off'}`],
    ...['-c', 'shared_buffers=32MB', '-c', 'log_min_messages=warning'],
  ])
  const child = spawn(postgres, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  // The postmaster's own pid: runuser may stand between us and it.
  const pidFile = join(data, 'postmaster.pid')
  const pid = () =>
    existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || null : null
  const stop = async () => {
    const postmaster = pid()
    if (postmaster) process.kill(postmaster, 'SIGINT')
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await waitUntilReady(url, child, () => output)
  } catch (error) {
    child.kill('SIGKILL')
    await stop().catch(() => {})
    throw error
  }
  return {
    url,
    createDatabase: () => createDatabaseOn(url),
    pid,
    stop,
  }
}

/** A fresh database on an already running cluster; returns its URL. */
export async function createDatabaseOn(clusterUrl: string): Promise<string> {
  const name = `meeschrijven_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: clusterUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(clusterUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** True under CI (`CI=true`), where a missing PostgreSQL must fail the run. */
export const isCi = (): boolean => !!process.env.CI && !/^(0|false)$/i.test(process.env.CI)

/**
 * Starts a cluster for a test file. Locally, when PostgreSQL is missing, it says
 * why and returns null (the caller skips); under CI it throws.
 */
export async function startPostgresForTests(): Promise<TestPostgres | null> {
  try {
    return await startPostgres()
  } catch (error) {
    if (isCi()) throw error
    console.warn(`[postgres] skipping the PostgreSQL tests: ${(error as Error).message}`)
    return null
  }
}

const databases = new Map<string, Promise<string>>()
let testCluster: string | null = null

/** Called by the `integration-pg` project's setup: its test files store in this cluster. */
export function setTestCluster(url: string): void {
  testCluster = url
}

/** The cluster of the `integration-pg` project; throws elsewhere. */
export function testClusterUrl(): string {
  if (!testCluster) throw new Error('no test cluster: this runs only in the integration-pg project')
  return testCluster
}

/**
 * Under the `integration-pg` project: the database of the installation in
 * `dataDir`, created on first use, so a restart on the same folder finds its
 * data and a fresh folder starts empty. Null elsewhere, and then nothing changes.
 */
export function testDatabaseFor(dataDir: string): Promise<string> | null {
  if (!testCluster) return null
  const key = resolve(dataDir)
  let database = databases.get(key)
  if (!database) {
    database = createDatabaseOn(testCluster)
    databases.set(key, database)
  }
  return database
}
