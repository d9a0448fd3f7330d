/**
 * Positions per round, read from storage once and then kept counted in memory
 * (`Tally`); new ones are appended to storage (one JSON line, never a rewrite)
 * and then to the tally. Work on one round runs in order, so a tally being
 * read never misses a position whose append was under way. In a cluster other
 * instances append too, so there nothing is kept: each tally is read afresh.
 */
import type { PositionRecord, Storage } from '../persistence/Storage.ts'
import { Tally } from './Tally.ts'

export class RoundPositions {
  readonly #storage: Storage
  readonly #tallies = new Map<string, Tally>()
  /** The tail of the work on each round; it outlives a forgotten tally on purpose. */
  readonly #queues = new Map<string, Promise<unknown>>()
  readonly #keep: boolean

  /** @param options.keep keep tallies in memory (one instance alone) @default true */
  constructor(storage: Storage, options: { keep?: boolean } = {}) {
    this.#storage = storage
    this.#keep = options.keep ?? true
  }

  #run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.#queues.get(key) ?? Promise.resolve()).then(work, work)
    this.#queues.set(
      key,
      next.catch(() => undefined),
    )
    return next
  }

  async #load(proposalId: string, roundId: string): Promise<Tally> {
    const key = `${proposalId}/${roundId}`
    let tally = this.#tallies.get(key)
    if (!tally) {
      tally = new Tally(await this.#storage.rounds.positions(proposalId, roundId))
      if (this.#keep) this.#tallies.set(key, tally)
    }
    return tally
  }

  /** The counted positions of a round. */
  tally(proposalId: string, roundId: string): Promise<Tally> {
    return this.#run(`${proposalId}/${roundId}`, () => this.#load(proposalId, roundId))
  }

  /**
   * Stores a position (durable when this resolves) and counts it.
   * @param check runs on the tally just before the append, in the same turn of
   *   the round's work; what it throws refuses the position
   */
  add(proposalId: string, record: PositionRecord, check?: (tally: Tally) => void): Promise<Tally> {
    return this.#run(`${proposalId}/${record.roundId}`, async () => {
      const tally = await this.#load(proposalId, record.roundId)
      check?.(tally)
      await this.#storage.rounds.addPosition(proposalId, record)
      tally.add(record)
      return tally
    })
  }

  /** Drops the tallies of a proposal that left memory; they are read again when asked. */
  forget(proposalId: string): void {
    for (const key of this.#tallies.keys())
      if (key.startsWith(`${proposalId}/`)) this.#tallies.delete(key)
  }
}
