/**
 * Doing something for a key one at a time (e.g. opening a consultation round:
 * at most one open round per proposal, R2). Alone, a promise chain per key is
 * enough; in a cluster the lock is a Redis key set with NX and an expiry, so a
 * holder that dies does not keep it.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

export interface Locks {
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>
}

export class LocalLocks implements Locks {
  readonly #tails = new Map<string, Promise<unknown>>()

  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    const tail = next.catch(() => undefined)
    this.#tails.set(key, tail)
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    })
    return next
  }
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export class RedisLocks implements Locks {
  readonly #redis: Redis
  readonly #holdMs: number
  readonly #local = new LocalLocks()

  /** @param holdMs how long a lock lasts if its holder dies */
  constructor(redis: Redis, holdMs = 10_000) {
    this.#redis = redis
    this.#holdMs = holdMs
  }

  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    // Callers of this instance queue locally first, so only one of them polls Redis.
    return this.#local.withLock(key, async () => {
      const lock = `ms:lock:${key}`
      const token = randomBytes(8).toString('hex')
      const deadline = Date.now() + this.#holdMs * 2
      while ((await this.#redis.set(lock, token, 'PX', this.#holdMs, 'NX')) !== 'OK') {
        if (Date.now() > deadline) throw new Error(`lock ${key} stayed taken`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      try {
        return await work()
      } finally {
        await this.#redis.eval(RELEASE, 1, lock, token).catch(() => {})
      }
    })
  }
}
