/**
 * Which people's sockets were closed lately, and why (a revocation, A5). A
 * socket is admitted over several awaits (token, proposal, socket counts, the
 * proposal's load); a revocation that lands meanwhile finds no socket to close
 * yet. The admission asks here after every await instead, and once more when
 * the socket joins its room: a close recorded after the admission began refuses
 * it too. Entries are kept far longer than any admission takes.
 */
export interface PersonClose {
  code: number
  reason: string
}

export class RecentCloses {
  readonly #keepMs: number
  #sequence = 0
  readonly #closes = new Map<string, PersonClose & { sequence: number; at: number }>()

  /** @param keepMs how long a close is remembered @default 10 minutes */
  constructor(keepMs = 10 * 60_000) {
    this.#keepMs = keepMs
  }

  /** A mark to take before the first await of an admission; closes after it count. */
  mark(): number {
    return this.#sequence
  }

  /** Records that every socket of `personId` was closed with `code`. */
  record(personId: string, code: number, reason: string): void {
    const now = Date.now()
    for (const [id, close] of this.#closes)
      if (now - close.at > this.#keepMs) this.#closes.delete(id)
    this.#closes.set(personId, { code, reason, sequence: ++this.#sequence, at: now })
  }

  /** The close of `personId` recorded after `mark`, or null. */
  since(personId: string, mark: number): PersonClose | null {
    const close = this.#closes.get(personId)
    return close && close.sequence > mark ? { code: close.code, reason: close.reason } : null
  }
}
