/**
 * Runs before each test file of the `integration-pg` project. Server processes
 * get the database of their data folder (`DATABASE_URL`), as `startServer` does,
 * and the few tests that read the embedded storage's own files are skipped here,
 * each for a reason; their PostgreSQL twins live in this folder.
 */
import { beforeEach, inject, vi } from 'vitest'
import { setTestCluster, testDatabaseFor } from '../helpers/postgres.ts'

setTestCluster(inject('postgresUrl'))

vi.mock('../helpers/serverProcess.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../helpers/serverProcess.ts')>()
  const withDatabase = async (env: Record<string, string>): Promise<Record<string, string>> => {
    const database = env.DATABASE_URL ?? (await testDatabaseFor(env.DATA_DIR ?? './data'))
    return database ? { ...env, DATABASE_URL: database } : env
  }
  return {
    ...original,
    startServerProcess: async (env: Record<string, string>) =>
      original.startServerProcess(await withDatabase(env)),
    runServerUntilExit: async (env: Record<string, string>, timeoutMs?: number) =>
      original.runServerUntilExit(await withDatabase(env), timeoutMs),
  }
})

const readsFiles = (twin: string) =>
  `it reads the embedded storage's files; its PostgreSQL twin is in test/integration-pg/${twin}`
const FILES = readsFiles('database.test.ts')
/** Tests that do not run here: a pattern of their name (or their describe's) and why. */
const SKIPPED: Array<[RegExp, string]> = [
  [/^\[A1\]\[P3\] after invitations no token is in any file/, FILES],
  [/^\[A1\] ADMIN_TOKEN is an editor on "\*" and is neither written to the data folder/, FILES],
  [/^\[A3\]\[S5\] a reviewer's Yjs update is never applied, broadcast or stored/, FILES],
  [/^\[S3\] a client never sees an empty document before the stored one/, FILES],
  [/^\[P6\] unreadable data stops the start, names the file/, FILES],
  [/^kill -9 while \d+ clients type, \d+ times: the stored text/, readsFiles('crashes.test.ts')],
  [
    /^\[P1\] builds what is needed and serves the editor/,
    'npm start on the embedded default is what P1 promises; the integration project runs it, and a second run here could build the editor at the same moment',
  ],
]

beforeEach((context) => {
  // Only the shared integration tests: the twins in this folder always run.
  if (!context.task.file.filepath.includes('/test/integration/')) return
  const names: string[] = []
  for (let task: { name: string; suite?: unknown } | undefined = context.task; task; ) {
    names.unshift(task.name)
    task = task.suite as typeof task
  }
  for (const [pattern, reason] of SKIPPED) {
    if (names.some((name) => pattern.test(name))) {
      console.info(`[integration-pg] skipped "${context.task.name}": ${reason}`)
      context.skip()
    }
  }
})
