/**
 * Open sockets per person and per address across every instance (4429 in a
 * cluster). Each instance keeps its own counts in a Redis hash that expires
 * unless the instance renews it, so the counts of an instance that died leave
 * with it; a new socket is let in when the sum over live instances is below
 * the cap.
 */
import type { Redis } from 'ioredis'

const TTL_MS = 30_000

export class RedisSocketCounts {
  readonly #redis: Redis
  readonly #key: string
  readonly #maxPerPerson: number
  readonly #maxPerAddress: number
  readonly #timer: NodeJS.Timeout

  constructor(redis: Redis, instanceId: string, maxPerPerson: number, maxPerAddress: number) {
    this.#redis = redis
    this.#key = `ms:sockets:${instanceId}`
    this.#maxPerPerson = maxPerPerson
    this.#maxPerAddress = maxPerAddress
    this.#timer = setInterval(
      () => void this.#redis.pexpire(this.#key, TTL_MS).catch(() => {}),
      TTL_MS / 3,
    )
    this.#timer.unref()
  }

  async #total(field: string): Promise<number> {
    const keys = await this.#redis.keys('ms:sockets:*')
    const counts = await Promise.all(keys.map((key) => this.#redis.hget(key, field)))
    return counts.reduce((sum, count) => sum + Number(count ?? 0), 0)
  }

  /** Counts a new socket; false (and nothing counted) when a cap is reached. */
  async take(personId: string, address: string): Promise<boolean> {
    const person = `p:${personId}`
    const from = `a:${address}`
    const [people, addresses] = await Promise.all([this.#total(person), this.#total(from)])
    if (people >= this.#maxPerPerson || addresses >= this.#maxPerAddress) return false
    await this.#redis
      .multi()
      .hincrby(this.#key, person, 1)
      .hincrby(this.#key, from, 1)
      .pexpire(this.#key, TTL_MS)
      .exec()
    return true
  }

  release(personId: string, address: string): void {
    void this.#redis
      .multi()
      .hincrby(this.#key, `p:${personId}`, -1)
      .hincrby(this.#key, `a:${address}`, -1)
      .exec()
      .catch(() => {})
  }

  close(): void {
    clearInterval(this.#timer)
    void this.#redis.del(this.#key).catch(() => {})
  }
}
