/**
 * Requests per token across every instance (H5 in a cluster): the same token
 * bucket as `RateLimiter`, kept in Redis and updated by one Lua script, so two
 * instances cannot both spend the last token.
 */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { RateLimit } from '../api/RateLimiter.ts'

// KEYS[1] bucket; ARGV: burst, per second, now (ms). Returns 0 or the seconds to wait.
const TAKE = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local bucket = redis.call('hmget', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) / rate)) end
redis.call('hset', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('pexpire', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return wait`

export class RedisRateLimiter {
  readonly #redis: Redis
  readonly #limit: RateLimit

  constructor(redis: Redis, limit: RateLimit) {
    this.#redis = redis
    this.#limit = limit
  }

  /** @returns 0 when the request may go ahead, else the seconds to wait */
  async take(key: string): Promise<number> {
    // The key is a token: only its hash goes to Redis.
    const bucket = `ms:rate:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`
    const wait = await this.#redis.eval(
      TAKE,
      1,
      bucket,
      this.#limit.burst,
      this.#limit.perSecond,
      Date.now(),
    )
    return Number(wait)
  }
}
