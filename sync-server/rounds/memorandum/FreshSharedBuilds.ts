/**
 * Shares the work of requests for the same thing that arrive together: fifty
 * people downloading the reactienota at once need one memorandum, not fifty,
 * each built on the event loop. A request never gets a result older than
 * itself: it joins a build that has not started reading yet, or, when one is
 * running, the next one, which starts once that one is done. So per key at
 * most one build runs and one waits, however many requests come.
 *
 * While requests keep coming (the evening a round closes), the next build
 * starts `gapMs` after the running one is done, gathering every request of
 * that time: without the gap, downloads trickling in build the memorandum
 * back to back, and the event loop does little else. A request that finds no
 * build running starts one at once.
 */
export class FreshSharedBuilds<V> {
  /** The build that has started reading: later requests wait for the next. */
  readonly #running = new Map<string, Promise<V>>()
  readonly #waiting = new Map<string, Promise<V>>()
  readonly #gapMs: number

  /** @param gapMs wait after a build before the next one of the same key starts @default 0 */
  constructor(gapMs = 0) {
    this.#gapMs = gapMs
  }

  /** The result of a build of `key` that starts no earlier than this call. */
  get(key: string, build: () => Promise<V>): Promise<V> {
    const waiting = this.#waiting.get(key)
    if (waiting) return waiting
    const running = this.#running.get(key)
    const after = running ? running.then(noop, noop).then(() => this.#gap()) : Promise.resolve()
    const pending: Promise<V> = after.then(() => {
      this.#waiting.delete(key)
      this.#running.set(key, pending)
      return build()
    })
    this.#waiting.set(key, pending)
    const forget = () => {
      if (this.#running.get(key) === pending) this.#running.delete(key)
    }
    pending.then(forget, forget)
    return pending
  }

  #gap(): Promise<void> | undefined {
    const gapMs = this.#gapMs
    return gapMs > 0 ? new Promise((resolve) => setTimeout(resolve, gapMs)) : undefined
  }
}

const noop = () => {}
