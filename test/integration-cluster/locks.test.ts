import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalLocks, type Locks, RedisLocks } from '../../sync-server/cluster/Locks.ts'
import { startRedis, type TestRedis } from '../helpers/redis.ts'

/** Runs a slow critical section on every lock at once; returns the most that overlapped. */
async function overlap(locks: Locks[]): Promise<number> {
  let inside = 0
  let most = 0
  await Promise.all(
    locks.flatMap((lock) =>
      [1, 2, 3].map(() =>
        lock.withLock('round:voorstel-1', async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((resolve) => setTimeout(resolve, 30))
          inside--
        }),
      ),
    ),
  )
  return most
}

describe('[R2][D1] one at a time per key, across instances', () => {
  let redis: TestRedis
  const connections: Redis[] = []
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    for (const connection of connections) connection.disconnect()
    await redis.stop()
  })
  const instance = () => {
    const connection = new Redis(redis.url)
    connections.push(connection)
    return new RedisLocks(connection)
  }

  it('two instances holding Redis locks never run the same key at once', async () => {
    expect(await overlap([instance(), instance()])).toBe(1)
  })

  it('the positive twin: locks that only know their own instance do overlap', async () => {
    expect(await overlap([new LocalLocks(), new LocalLocks()])).toBe(2)
  })
})
