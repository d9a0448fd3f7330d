import pg from 'pg'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { startPostgresForTests } from '../../../test/helpers/postgres.ts'
import { createLogger } from '../../log.ts'
import { PgStorage } from './PgStorage.ts'

const log = createLogger({ level: 'error', sink: () => {} })
const cluster = await startPostgresForTests()
afterAll(() => cluster?.stop())
const bytes = (...values: number[]) => new Uint8Array(values)

describe.skipIf(!cluster)('PostgreSQL documents', () => {
  const open: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close()
  })
  async function fresh() {
    const url = await cluster!.createDatabase()
    const storage = new PgStorage({ url, log })
    await storage.open()
    open.push(storage)
    // A second connection, to see only what is committed.
    const observer = new pg.Client({ connectionString: url })
    await observer.connect()
    open.push({ close: () => observer.end() })
    const committedRows = async (proposalId: string) =>
      Number(
        (
          await observer.query('SELECT count(*) AS n FROM document_log WHERE proposal_id = $1', [
            proposalId,
          ])
        ).rows[0].n,
      )
    return { url, storage, committedRows }
  }

  it('[P5] an append resolves only once its record is committed', async () => {
    const { storage, url, committedRows } = await fresh()
    // Another session holds a lock that makes the insert wait, as a slow commit would.
    const blocker = new pg.Client({ connectionString: url })
    await blocker.connect()
    open.push({ close: () => blocker.end() })
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE document_log IN EXCLUSIVE MODE')
    let resolved = false
    const appended = storage.documents
      .append('d1', { personId: 'a', update: bytes(1) })
      .then(() => {
        resolved = true
      })
    await vi.waitFor(async () => {
      const { rows } = await blocker.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'document_log'::regclass AND NOT granted`,
      )
      expect(rows[0].n).toBe(1)
    })
    expect(resolved).toBe(false)
    await blocker.query('COMMIT')
    await appended
    expect(resolved).toBe(true)
    expect(await committedRows('d1')).toBe(1)
  })

  it('[P5] appends that arrive while a commit runs share the next commit, in order', async () => {
    const { storage } = await fresh()
    await storage.documents.append('d1', { personId: 'a', update: bytes(0) })
    const before = storage.documents.commitStats
    const appends: Promise<void>[] = []
    for (let i = 1; i <= 200; i++) {
      const id = i % 2 ? 'd1' : 'd2'
      appends.push(storage.documents.append(id, { personId: `p${i}`, update: bytes(i % 256) }))
      // Some arrive in later ticks, while the first commit is in flight.
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(appends)
    const after = storage.documents.commitStats
    expect(after.records - before.records).toBe(200)
    expect(after.commits - before.commits).toBeLessThan(20)
    expect(after.commits - before.commits).toBeGreaterThan(1)
    const d1 = await storage.documents.load('d1')
    expect(d1.log.map((r) => r.personId)).toEqual([
      'a',
      ...Array.from({ length: 100 }, (_, i) => `p${2 * i + 1}`),
    ])
  })

  it('a compaction covers exactly the records appended before it, even when one commit holds both', async () => {
    const { storage, url } = await fresh()
    // No awaits: the record before and the one after go into the same commit.
    const first = storage.documents.append('d1', { personId: 'a', update: bytes(1) })
    const compacted = storage.documents.compact('d1', { state: bytes(7), authorship: bytes() })
    const second = storage.documents.append('d1', { personId: 'b', update: bytes(2) })
    await Promise.all([first, compacted, second])
    await storage.close()
    const again = new PgStorage({ url, log })
    await again.open()
    open.push(again)
    expect(await again.documents.load('d1')).toMatchObject({
      snapshot: { state: bytes(7), authorship: bytes() },
      log: [{ personId: 'b', update: bytes(2) }],
    })
  })

  it('a failed commit rejects its appends and leaves the log usable; a compaction after it keeps the rest', async () => {
    const { storage, committedRows } = await fresh()
    await storage.documents.append('d1', { personId: 'a', update: bytes(1) })
    // A person id PostgreSQL cannot store in text (NUL) makes that commit fail.
    await expect(
      storage.documents.append('d1', { personId: 'x\u0000', update: bytes(9) }),
    ).rejects.toThrow()
    await storage.documents.append('d1', { personId: 'b', update: bytes(2) })
    expect(await committedRows('d1')).toBe(2)
    const compacted = storage.documents.compact('d1', { state: bytes(5), authorship: bytes() })
    const later = storage.documents.append('d1', { personId: 'c', update: bytes(3) })
    await Promise.all([compacted, later])
    expect((await storage.documents.load('d1')).log).toEqual([{ personId: 'c', update: bytes(3) }])
  })

  it('[P5] close commits appends nobody waited for; appends after close are refused', async () => {
    const { storage, url } = await fresh()
    for (let i = 0; i < 50; i++)
      void storage.documents.append('d1', { personId: 'a', update: bytes(i) })
    await storage.close()
    await expect(
      storage.documents.append('d1', { personId: 'a', update: bytes(1) }),
    ).rejects.toThrow(/closed/)
    const again = new PgStorage({ url, log })
    await again.open()
    open.push(again)
    expect((await again.documents.load('d1')).log.length).toBe(50)
  })

  it('a compaction that fails counts its log again, so a later threshold or unload retries', async () => {
    const { storage } = await fresh()
    // PostgreSQL cannot store a NUL in text: every statement for this id fails.
    const broken = 'd1\u0000'
    await expect(
      storage.documents.append(broken, { personId: 'a', update: new Uint8Array(100) }),
    ).rejects.toThrow()
    const counted = storage.documents.logBytes(broken)
    expect(counted).toBeGreaterThanOrEqual(100)
    await expect(
      storage.documents.compact(broken, { state: bytes(1), authorship: bytes() }),
    ).rejects.toThrow()
    expect(storage.documents.logBytes(broken)).toBe(counted)
    // The twin: a compaction that succeeds leaves nothing to count.
    await storage.documents.append('d1', { personId: 'a', update: new Uint8Array(100) })
    await storage.documents.compact('d1', { state: bytes(1), authorship: bytes() })
    expect(storage.documents.logBytes('d1')).toBe(0)
  })

  it('logBytes counts appends synchronously and restarts at each compaction', async () => {
    const { storage } = await fresh()
    expect(storage.documents.logBytes('d1')).toBe(0)
    const appended = storage.documents.append('d1', { personId: 'a', update: new Uint8Array(100) })
    expect(storage.documents.logBytes('d1')).toBeGreaterThanOrEqual(100)
    const compacted = storage.documents.compact('d1', { state: bytes(1), authorship: bytes() })
    expect(storage.documents.logBytes('d1')).toBe(0)
    await Promise.all([appended, compacted])
  })
})
