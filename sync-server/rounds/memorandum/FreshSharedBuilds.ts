/**
 * Shares the work of requests for the same thing that arrive together: fifty
 * people downloading the reactienota at once need one memorandum, not fifty,
 * each built on the event loop. A request never gets a result older than
 * itself: it joins a build that has not started reading yet, or, when one is
 * running, the next one, which starts once that one is done. So per key at
 * most one build runs and one waits, however many requests come.
 */
export class FreshSharedBuilds<V> {
  /** The build that has started reading: later requests wait for the next. */
  readonly #running = new Map<string, Promise<V>>()
  readonly #waiting = new Map<string, Promise<V>>()

  /** The result of a build of `key` that starts no earlier than this call. */
  get(key: string, build: () => Promise<V>): Promise<V> {
    const waiting = this.#waiting.get(key)
    if (waiting) return waiting
    const running = this.#running.get(key)
    const after = running ? running.then(noop, noop) : Promise.resolve()
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
}

const noop = () => {}
