import { afterAll, describe } from 'vitest'
import { startPostgresForTests } from '../../../test/helpers/postgres.ts'
import { createLogger } from '../../log.ts'
import { describeChangeContract } from '../change.contract.ts'
import { describeReachingContract } from '../reaching.contract.ts'
import { describeStorageContract } from '../storage.contract.ts'
import { PgStorage } from './PgStorage.ts'

const log = createLogger({ level: 'error', sink: () => {} })
const cluster = await startPostgresForTests()
afterAll(() => cluster?.stop())

async function openAt(url: string) {
  const storage = new PgStorage({ url, log })
  await storage.open()
  return storage
}

if (cluster) {
  const underTest = async () => {
    const url = await cluster.createDatabase()
    let storage = await openAt(url)
    const others: PgStorage[] = []
    return {
      get storage() {
        return storage
      },
      async reopen() {
        await storage.close()
        storage = await openAt(url)
        return storage
      },
      // Its own pool, as another instance has.
      async another() {
        const other = await openAt(url)
        others.push(other)
        return other
      },
      cleanup: async () => {
        await Promise.all([storage, ...others].map((s) => s.close()))
      },
    }
  }
  describeStorageContract('postgres', underTest)
  describeReachingContract('postgres', underTest)
  describeChangeContract('postgres', underTest)
} else {
  describe.skip('storage contract: postgres (PostgreSQL is not installed)', () => {})
}
