/**
 * What a room does before its stored document is built: a proposal stored as one
 * snapshot greets its sockets and answers their sync step 1 from the stored bytes
 * (`ColdOpen`); every other message, the carets owed to greeted sockets and other
 * instances' changes wait (`LoadBacklog`) and are handed to the room once it is built.
 */
import type { Connection } from '../transport/Connection.ts'
import type { ColdOpen } from './ColdOpen.ts'
import { type BacklogHandlers, LoadBacklog } from './LoadBacklog.ts'
import { syncStep1Message, syncStep2Message } from './messages.ts'
import { readFrame } from './readFrame.ts'

export class BeforeBuild {
  /** False until the stored document is built into the room's `doc`. */
  built = false
  /** The stored snapshot answering sockets while the document is not built yet. */
  cold: ColdOpen | null = null
  readonly #backlog = new LoadBacklog()

  /** True once building the stored snapshot was tried and failed. */
  get failed(): boolean {
    return !this.built && this.cold !== null && this.cold.started
  }

  /** The document is there: what waited is handled, other instances' changes first. */
  finish(handlers: BacklogHandlers): void {
    this.built = true
    this.#backlog.drain(handlers)
  }

  /** The sockets still waiting (to close them when the document cannot be built). */
  waitingSockets(): Connection[] {
    return this.#backlog.waitingSockets()
  }

  /**
   * Greets `conn` while the document is not built: with the stored state vector,
   * carets once built.
   * @returns false once built (the room greets)
   */
  greet(conn: Connection): boolean {
    if (this.built) return false
    const storedVector = this.cold?.stateVector()
    // Carets follow once the document is built (they are checked against it).
    this.#backlog.holdPresence(conn)
    if (storedVector) conn.send(syncStep1Message(storedVector))
    // An unreadable snapshot: the build fails and closes every socket.
    else this.cold?.buildSoon()
    return true
  }

  /**
   * Answers a sync step 1 from the stored snapshot, or holds the message until the
   * document is built.
   * @returns false once built (the room handles it)
   */
  takeMessage(conn: Connection, data: Uint8Array): boolean {
    if (this.built) return false
    if (!this.#answerFromSnapshot(conn, data)) {
      this.#backlog.holdMessage(conn, data)
      this.cold?.buildSoon()
    }
    return true
  }

  /** @returns false once built (the room applies it) */
  holdRemote(personId: string, update: Uint8Array): boolean {
    if (this.built) return false
    this.#backlog.holdRemote(personId, update)
    this.cold?.buildSoon()
    return true
  }

  /**
   * A client's sync step 1, whatever its state vector, is answered from the stored
   * snapshot; the build follows in the next turn, once the answer is written.
   * @returns false when the message must wait for the document
   */
  #answerFromSnapshot(conn: Connection, data: Uint8Array): boolean {
    const cold = this.cold
    const frame = cold ? readFrame(data) : null
    if (!cold || cold.started || frame?.kind !== 'syncStep1') return false
    // An answer confirms the frames before it (PROTOCOL): it may not overtake a held one.
    if (this.#backlog.holdsFrameOf(conn)) return false
    const answer = cold.answer(frame.stateVector)
    if (!answer) return false
    conn.caughtUp = true
    conn.send(syncStep2Message(answer))
    // The build holds the event loop for a tenth of a second or more: a long answer the
    // kernel did not take at once would wait for it, so the build waits for the answer.
    conn.afterSent(() => cold.buildSoon())
    return true
  }
}
