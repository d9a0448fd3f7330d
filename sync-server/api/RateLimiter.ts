/**
 * Requests per token (contract H5): a token bucket per key. Past the limit the
 * answer is 429 with `Retry-After` in whole seconds.
 */
export interface RateLimit {
  /** Requests that may come at once. */
  burst: number
  /** Requests per second after that. */
  perSecond: number
}

/** Limits requests per key (a token); `take` answers 0 or the seconds to wait. */
export interface RequestLimiter {
  take(key: string): number | Promise<number>
}

export class RateLimiter implements RequestLimiter {
  readonly #limit: RateLimit
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(limit: RateLimit) {
    this.#limit = limit
  }

  /** @returns 0 when the request may go ahead, else the seconds to wait */
  take(key: string, now = Date.now()): number {
    const { burst, perSecond } = this.#limit
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)
    bucket.at = now
    this.#buckets.set(key, bucket)
    if (this.#buckets.size > 10_000) this.#sweep(now)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond))
  }

  /** Forgets full buckets so the map stays small. */
  #sweep(now: number): void {
    const { burst, perSecond } = this.#limit
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(key)
    }
  }
}
