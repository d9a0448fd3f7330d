/**
 * Open sockets per person and per network address (issue: limits), so one
 * token or one machine cannot exhaust the server. Past a cap: 4429.
 */
/** Counts open sockets; `take` refuses past the caps. */
export interface SocketCounter {
  take(personId: string, address: string): boolean | Promise<boolean>
  release(personId: string, address: string): void
}

export class SocketCounts implements SocketCounter {
  readonly #perPerson = new Map<string, number>()
  readonly #perAddress = new Map<string, number>()
  readonly #maxPerPerson: number
  readonly #maxPerAddress: number

  constructor(maxPerPerson: number, maxPerAddress: number) {
    this.#maxPerPerson = maxPerPerson
    this.#maxPerAddress = maxPerAddress
  }

  /** Counts a new socket; false (and nothing counted) when a cap is reached. */
  take(personId: string, address: string): boolean {
    const person = this.#perPerson.get(personId) ?? 0
    const fromAddress = this.#perAddress.get(address) ?? 0
    if (person >= this.#maxPerPerson || fromAddress >= this.#maxPerAddress) return false
    this.#perPerson.set(personId, person + 1)
    this.#perAddress.set(address, fromAddress + 1)
    return true
  }

  release(personId: string, address: string): void {
    decrement(this.#perPerson, personId)
    decrement(this.#perAddress, address)
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const count = (map.get(key) ?? 0) - 1
  if (count > 0) map.set(key, count)
  else map.delete(key)
}
