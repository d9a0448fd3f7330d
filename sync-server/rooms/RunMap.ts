/**
 * A map from Yjs ids to Yjs ids, kept as runs: `length` consecutive clocks of
 * one client mapped to consecutive clocks of another. Runs are appended in any
 * order and sorted lazily, once, before the next lookup.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** A run of `length` ids starting at `clock`, mapped to `targetClient`:`targetClock`. */
export type Run = [clock: number, length: number, targetClient: number, targetClock: number]

export interface Id {
  client: number
  clock: number
}

export class RunMap {
  readonly #runs = new Map<number, Run[]>()
  readonly #unsorted = new Set<number>()

  /** Maps `from` to `to`, extending the last run of `from.client` when both continue it. */
  add(from: Id, to: Id): void {
    let runs = this.#runs.get(from.client)
    if (!runs) {
      runs = []
      this.#runs.set(from.client, runs)
    }
    const last = runs[runs.length - 1]
    if (
      last &&
      last[0] + last[1] === from.clock &&
      last[2] === to.client &&
      last[3] + last[1] === to.clock
    ) {
      last[1]++
      return
    }
    if (last && last[0] > from.clock) this.#unsorted.add(from.client)
    runs.push([from.clock, 1, to.client, to.clock])
  }

  /** Adds a whole run (decoding). */
  addRun(client: number, run: Run): void {
    let runs = this.#runs.get(client)
    if (!runs) {
      runs = []
      this.#runs.set(client, runs)
    }
    const last = runs[runs.length - 1]
    if (last && last[0] > run[0]) this.#unsorted.add(client)
    runs.push(run)
  }

  #sorted(client: number): Run[] | undefined {
    const runs = this.#runs.get(client)
    if (runs && this.#unsorted.delete(client)) runs.sort((a, b) => a[0] - b[0])
    return runs
  }

  get(id: Id): Id | null {
    const runs = this.#sorted(id.client)
    if (!runs) return null
    let low = 0
    let high = runs.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const [clock, length, targetClient, targetClock] = runs[middle]!
      if (id.clock < clock) high = middle - 1
      else if (id.clock >= clock + length) low = middle + 1
      else return { client: targetClient, clock: targetClock + (id.clock - clock) }
    }
    return null
  }

  /** Every run, as [client, run]. */
  *entries(): Generator<[number, Run]> {
    for (const client of this.#runs.keys())
      for (const run of this.#sorted(client)!) yield [client, run]
  }

  get runCount(): number {
    let count = 0
    for (const runs of this.#runs.values()) count += runs.length
    return count
  }

  encode(encoder: encoding.Encoder): void {
    encoding.writeVarUint(encoder, this.#runs.size)
    for (const client of this.#runs.keys()) {
      const runs = this.#sorted(client)!
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, runs.length)
      for (const [clock, length, targetClient, targetClock] of runs) {
        encoding.writeVarUint(encoder, clock)
        encoding.writeVarUint(encoder, length)
        encoding.writeVarUint(encoder, targetClient)
        encoding.writeVarUint(encoder, targetClock)
      }
    }
  }

  static decode(decoder: decoding.Decoder): RunMap {
    const map = new RunMap()
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const client = decoding.readVarUint(decoder)
      for (let m = decoding.readVarUint(decoder); m > 0; m--) {
        const run: Run = [
          decoding.readVarUint(decoder),
          decoding.readVarUint(decoder),
          decoding.readVarUint(decoder),
          decoding.readVarUint(decoder),
        ]
        map.addRun(client, run)
      }
    }
    return map
  }
}
