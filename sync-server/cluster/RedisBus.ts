/**
 * The bus over Redis pub/sub. A message is JSON with the sender's instance id;
 * the sender delivers to itself at once (so its own sockets are not later than
 * others'), and ignores its own message when Redis echoes it. Binary payloads
 * (awareness updates) travel as base64. Pub/sub is fire and forget, which suits
 * what goes over it: presence and notices whose state is stored elsewhere.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Logger } from '../log.ts'
import type { Bus, BusHandler, BusMessage } from './Bus.ts'

export class RedisBus implements Bus {
  readonly instanceId = `i-${randomBytes(6).toString('hex')}`
  readonly shared = true
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #log: Logger
  readonly #handlers = new Map<string, Set<BusHandler>>()

  /** @param subscriber a connection of its own: a subscribed Redis connection can do nothing else */
  constructor(publisher: Redis, subscriber: Redis, log: Logger) {
    this.#publisher = publisher
    this.#subscriber = subscriber
    this.#log = log
    subscriber.on('message', (channel: string, text: string) => this.#receive(channel, text))
  }

  #receive(channel: string, text: string): void {
    let envelope: { from: string; message: BusMessage }
    try {
      envelope = JSON.parse(text)
    } catch {
      this.#log.warn('unreadable bus message', { channel })
      return
    }
    if (envelope.from === this.instanceId) return
    this.#deliver(channel, envelope.message)
  }

  #deliver(channel: string, message: BusMessage): void {
    for (const handler of this.#handlers.get(channel) ?? []) {
      try {
        handler(message)
      } catch (error) {
        this.#log.error('handling a bus message failed', {
          channel,
          kind: message.kind,
          error: String(error),
        })
      }
    }
  }

  publish(channel: string, message: BusMessage, toSelf = true): void {
    if (toSelf) this.#deliver(channel, message)
    this.#publisher
      .publish(channel, JSON.stringify({ from: this.instanceId, message }))
      .catch((error) =>
        this.#log.error('publishing on the bus failed', { channel, error: String(error) }),
      )
  }

  subscribe(channel: string, handler: BusHandler): () => void {
    let handlers = this.#handlers.get(channel)
    if (!handlers) {
      handlers = new Set()
      this.#handlers.set(channel, handlers)
      this.#subscriber
        .subscribe(channel)
        .catch((error) => this.#log.error('subscribing failed', { channel, error: String(error) }))
    }
    handlers.add(handler)
    return () => {
      handlers.delete(handler)
      if (handlers.size > 0 || this.#handlers.get(channel) !== handlers) return
      this.#handlers.delete(channel)
      this.#subscriber.unsubscribe(channel).catch(() => {})
    }
  }

  async close(): Promise<void> {
    this.#handlers.clear()
  }
}
