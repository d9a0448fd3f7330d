/**
 * Automatic versions: `delayMs` after the last change of a proposal's text (10
 * minutes by default), one named "Automatisch opgeslagen" is saved, credited to
 * the person of that last change. The timers live here, not in the rooms, so a
 * room that unloads meanwhile loses nothing: saving loads it again. On shutdown
 * every pending version is saved at once.
 */
import type { Logger } from '../log.ts'
import { SYSTEM_PERSON_ID } from '../rooms/ServerWriter.ts'

export interface AutoVersionsOptions {
  log: Logger
  /** Quiet time after a change before the version is saved. */
  delayMs: number
  /** Saves the automatic version of a proposal, credited to `personId`. */
  save(proposalId: string, personId: string): Promise<unknown>
}

export class AutoVersions {
  readonly #options: AutoVersionsOptions
  readonly #timers = new Map<string, NodeJS.Timeout>()
  /** Proposal → the person of its last change (from the rooms, who know the sender). */
  readonly #lastWriter = new Map<string, string>()
  readonly #saving = new Set<Promise<void>>()

  constructor(options: AutoVersionsOptions) {
    this.#options = options
  }

  /** Called after every accepted change of a proposal's text, with who sent it. */
  textChanged(proposalId: string, personId: string): void {
    this.#lastWriter.set(proposalId, personId)
    clearTimeout(this.#timers.get(proposalId))
    const timer = setTimeout(() => void this.#save(proposalId), this.#options.delayMs)
    timer.unref()
    this.#timers.set(proposalId, timer)
  }

  /** A version was just saved: the changes so far are in it, nothing is pending. */
  saved(proposalId: string): void {
    clearTimeout(this.#timers.get(proposalId))
    this.#timers.delete(proposalId)
  }

  /** True while an automatic version of the proposal is waiting to be saved. */
  isPending(proposalId: string): boolean {
    return this.#timers.has(proposalId)
  }

  #save(proposalId: string): Promise<void> {
    clearTimeout(this.#timers.get(proposalId))
    this.#timers.delete(proposalId)
    const person = this.#lastWriter.get(proposalId) ?? SYSTEM_PERSON_ID
    this.#lastWriter.delete(proposalId)
    const saving = this.#options
      .save(proposalId, person)
      .then(
        () => undefined,
        (error: unknown) =>
          this.#options.log.error('saving an automatic version failed', {
            proposal: proposalId,
            error: String(error),
          }),
      )
      .finally(() => this.#saving.delete(saving))
    this.#saving.add(saving)
    return saving
  }

  /** Saves every pending version now and waits for all saves (shutdown). */
  async flush(): Promise<void> {
    for (const proposalId of [...this.#timers.keys()]) void this.#save(proposalId)
    await Promise.all([...this.#saving])
  }
}
