/**
 * Messages between the instances that serve the same proposals (contract D1):
 * changes of status, threads and presence, server events, revocations. Alone, an
 * instance delivers its own messages to itself (`LocalBus`); in a cluster they go
 * through Redis to every instance (`RedisBus`), each delivering them to its own
 * sockets. Every handler also runs for the instance that published.
 */
export type BusMessage = { kind: string } & Record<string, unknown>

export type BusHandler = (message: BusMessage) => void

export interface Bus {
  /** This instance, so the sender of a message can be told apart. */
  readonly instanceId: string
  /** True when other instances listen too (a cluster); false for one instance alone. */
  readonly shared: boolean
  /**
   * Sends to every instance, this one included (synchronously, for this one)
   * unless `toSelf` is false.
   */
  publish(channel: string, message: BusMessage, toSelf?: boolean): void
  /** Listens to a channel; the returned function stops listening. */
  subscribe(channel: string, handler: BusHandler): () => void
  close(): Promise<void>
}

/** The channel of one proposal's messages. */
export const proposalChannel = (proposalId: string) => `proposal:${proposalId}`

/** Messages about people (revocations). */
export const PEOPLE_CHANNEL = 'people'

/** Delivers to the handlers of this process only: one instance alone. */
export class LocalBus implements Bus {
  readonly instanceId = 'local'
  readonly shared = false
  readonly #handlers = new Map<string, Set<BusHandler>>()

  publish(channel: string, message: BusMessage, toSelf = true): void {
    if (!toSelf) return
    for (const handler of this.#handlers.get(channel) ?? []) handler(message)
  }

  subscribe(channel: string, handler: BusHandler): () => void {
    let handlers = this.#handlers.get(channel)
    if (!handlers) {
      handlers = new Set()
      this.#handlers.set(channel, handlers)
    }
    handlers.add(handler)
    return () => {
      handlers.delete(handler)
      if (handlers.size === 0) this.#handlers.delete(channel)
    }
  }

  async close(): Promise<void> {
    this.#handlers.clear()
  }
}
