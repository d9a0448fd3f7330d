/**
 * A proposal read from storage as one snapshot, before its document is built.
 * Building it (decoding the state and the authorship record, block ids) takes
 * about a tenth of a second for a long text; the first socket should not wait
 * for that. So the stored bytes answer first: the greeting's state vector and
 * every client's sync step 1 come from them, and the document is built only
 * once the first answer has gone out, when a message needs the document, when
 * an HTTP reader asks for it, or at the latest `delayMs` after the load.
 */
import * as Y from 'yjs'
import type { DocumentSnapshot } from '../persistence/Storage.ts'

export class ColdOpen {
  /** Resolves once the document is built; rejects when the snapshot cannot be built. */
  readonly ready: Promise<void>
  readonly #snapshot: Uint8Array
  readonly #build: () => void
  #stateVector: Uint8Array | null = null
  #timer: NodeJS.Timeout | null = null
  #soon = false
  #started = false
  #resolve: () => void = () => {}
  #reject: (error: unknown) => void = () => {}

  /**
   * @param snapshot the stored full state (and its state vector, when stored with it);
   *   nothing is accepted until `build` has run
   * @param build builds the document from the snapshot (throws when it cannot)
   * @param delayMs the build starts by then even when nobody asks anything
   */
  constructor(snapshot: DocumentSnapshot, build: () => void, delayMs: number) {
    this.#snapshot = snapshot.state
    this.#stateVector = snapshot.stateVector ?? null
    this.#build = build
    this.ready = new Promise((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
    this.#timer = setTimeout(() => this.buildNow(), delayMs)
    this.#timer.unref()
  }

  /** True once the build has begun (it runs in one turn: then it has ended too). */
  get started(): boolean {
    return this.#started
  }

  /**
   * The stored state's state vector, for the greeting's sync step 1: stored with the
   * snapshot, or decoded from it for a snapshot written before it was kept.
   * @returns null when the snapshot cannot be read (the build will say so)
   */
  stateVector(): Uint8Array | null {
    try {
      this.#stateVector ??= Y.encodeStateVectorFromUpdate(this.#snapshot)
      return this.#stateVector
    } catch {
      return null
    }
  }

  /**
   * What a client with `stateVector` lacks of the stored state: everything for
   * an empty one. Nothing is accepted before the build, so this is the state.
   * @returns null when the snapshot cannot be read (the build will say so)
   */
  answer(stateVector: Uint8Array): Uint8Array | null {
    // One zero byte: an empty state vector.
    if (stateVector.length <= 1) return this.#snapshot
    try {
      return Y.diffUpdate(this.#snapshot, stateVector)
    } catch {
      return null
    }
  }

  /** Builds in the next turn of the event loop, after what was just sent is written. */
  buildSoon(): void {
    if (this.#soon || this.#started) return
    this.#soon = true
    setImmediate(() => this.buildNow())
  }

  /** Builds now, unless it has begun already. */
  buildNow(): void {
    if (this.#started) return
    this.#started = true
    this.cancel()
    try {
      this.#build()
      this.#resolve()
    } catch (error) {
      this.#reject(error)
    }
  }

  /** The room leaves memory: no build later. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}
