/**
 * Takes the sync sockets' messages in turns. A message is handled the moment it
 * arrives while this turn of the event loop has spent less than `budgetMs` on
 * messages; once the budget is spent, further messages wait, their socket is paused
 * (the kernel holds the rest) and they are handled in the following turns, one socket
 * after another. A client that sends thousands of updates at once — a long offline
 * session coming back, a script — would otherwise hold every other socket of the
 * instance for as long as its messages take (a second and more for the editing
 * trace), while ordinary traffic is still handled exactly as it arrives.
 *
 * A socket that closes with messages still waiting keeps its turns: what it sent
 * before leaving is handled first, and only then is its close passed on.
 */
import { performance } from 'node:perf_hooks'

/** What the intake needs of a socket: to stop and restart its reading. */
export interface Pausable {
  pause(): void
  resume(): void
}

/** One socket's side of the intake. */
export interface IntakeSource {
  /** Hands a message over: handled now, or after what of this socket waits. */
  receive(data: Buffer): void
  /** The socket closed: `onClosed` follows once what it sent before is handled. */
  closed(): void
}

interface Source {
  socket: Pausable
  handle: (data: Buffer) => void
  onClosed: () => void
  waiting: Buffer[]
  closing: boolean
}

export class MessageIntake {
  readonly #budgetMs: number
  /** When this turn's first message was handled; null until one is. */
  #turnStartedAt: number | null = null
  /** Sockets with waiting messages, in the order they are served. */
  readonly #queue = new Set<Source>()
  #drainScheduled = false

  /** @param budgetMs time one turn of the event loop may spend on messages before they wait */
  constructor(budgetMs: number) {
    this.#budgetMs = budgetMs
  }

  /**
   * @param handle handles one message of `socket`; it must not throw
   * @param onClosed the socket's close, passed on after its waiting messages
   */
  source(socket: Pausable, handle: (data: Buffer) => void, onClosed: () => void): IntakeSource {
    const source: Source = { socket, handle, onClosed, waiting: [], closing: false }
    return {
      receive: (data) => this.#receive(source, data),
      closed: () => {
        source.closing = true
        if (source.waiting.length === 0) source.onClosed()
      },
    }
  }

  /** Handles everything waiting now, whatever the budget (shutdown). */
  flushAll(): void {
    while (this.#queue.size > 0) this.#handleNext()
  }

  #receive(source: Source, data: Buffer): void {
    // A socket's messages keep their order: behind its waiting ones, a new one waits too.
    if (source.waiting.length === 0 && this.#hasBudget()) {
      source.handle(data)
      return
    }
    source.waiting.push(data)
    if (!this.#queue.has(source)) {
      this.#queue.add(source)
      source.socket.pause()
    }
    this.#drainSoon()
  }

  /** Whether this turn may still handle a message; the first one starts the turn's budget. */
  #hasBudget(): boolean {
    const now = performance.now()
    if (this.#turnStartedAt === null) {
      this.#turnStartedAt = now
      setImmediate(() => {
        this.#turnStartedAt = null
      })
      return true
    }
    return now - this.#turnStartedAt < this.#budgetMs
  }

  #drainSoon(): void {
    if (this.#drainScheduled) return
    this.#drainScheduled = true
    setImmediate(this.#drain)
  }

  /** Handles waiting messages, a socket at a time, at least one and then while the budget lasts. */
  #drain = (): void => {
    this.#drainScheduled = false
    let handled = 0
    while (this.#queue.size > 0) {
      if (!this.#hasBudget() && handled > 0) break
      this.#handleNext()
      handled++
    }
    if (this.#queue.size > 0) this.#drainSoon()
  }

  /** The first waiting message of the socket whose turn it is; the socket goes to the back. */
  #handleNext(): void {
    const source = this.#queue.values().next().value!
    this.#queue.delete(source)
    const data = source.waiting.shift()!
    const last = source.waiting.length === 0
    if (!last) this.#queue.add(source)
    else if (!source.closing) source.socket.resume()
    source.handle(data)
    if (last && source.closing) source.onClosed()
  }
}
