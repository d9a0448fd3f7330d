/**
 * One active person per e-mail address, held by the database (migration 005):
 * two instances that both passed the service's check cannot both write.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { startPostgresForTests } from '../../../test/helpers/postgres.ts'
import { AppError } from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { person } from '../storage.contract.ts'
import { PgStorage } from './PgStorage.ts'

const log = createLogger({ level: 'error', sink: () => {} })
const cluster = await startPostgresForTests()
afterAll(() => cluster?.stop())

const ADDRESS = 'griffie@zwolle.nl'

async function twoInstances() {
  const url = await cluster!.createDatabase()
  const one = new PgStorage({ url, log })
  await one.open()
  const two = new PgStorage({ url, log })
  await two.open()
  return { one, two, close: () => Promise.all([one.close(), two.close()]) }
}

/** The 409 a second active holder of an address gets. */
const taken = expect.objectContaining({ code: 'conflict', status: 409 })

if (cluster) {
  describe('[M1][D4] one active person per e-mail address (PostgreSQL)', () => {
    it('a second active person with the address is refused, through any instance and any write; a revoked or anonymised holder frees it', async () => {
      const { one, two, close } = await twoInstances()
      try {
        await one.people.put(person('p-1', { email: ADDRESS }))
        // The same address through another instance: a new person, a change, a list.
        await expect(two.people.put(person('p-2', { email: ADDRESS }))).rejects.toEqual(taken)
        await two.people.put(person('p-3', { email: 'bestuur@zwolle.nl' }))
        await expect(
          two.people.change('p-3', (record) => ({ ...record, email: ADDRESS })),
        ).rejects.toBeInstanceOf(AppError)
        await expect(
          two.people.saveBatch({ create: [person('p-4', { email: ADDRESS })], change: [] }),
        ).rejects.toEqual(taken)
        expect((await one.people.list()).map((p) => [p.id, p.email])).toEqual([
          ['p-1', ADDRESS],
          ['p-3', 'bestuur@zwolle.nl'],
        ])
        // Once the holder is revoked, the address may be given again.
        await one.people.change('p-1', (record) => ({
          ...record,
          revokedAt: '2026-12-05T00:00:00Z',
        }))
        await two.people.put(person('p-5', { email: ADDRESS }))
        await one.people.change('p-5', (record) => ({
          ...record,
          anonymisedAt: '2026-12-05T00:00:00Z',
        }))
        await two.people.change('p-3', (record) => ({ ...record, email: ADDRESS }))
        expect((await two.people.get('p-3'))?.email).toBe(ADDRESS)
      } finally {
        await close()
      }
    })
  })
} else {
  describe.skip('one active person per e-mail address (PostgreSQL is not installed)', () => {})
}
