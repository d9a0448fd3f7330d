/**
 * A room's full document state, encoded and kept while no change has come
 * since: a crowd joining an idle proposal, or many readers of an unchanged
 * text, cost one encode. A stored snapshot's bytes are kept the same way, so
 * they can be served while the document is still being built.
 */
import * as Y from 'yjs'

export class EncodedState {
  readonly #doc: Y.Doc
  #state: Uint8Array | null = null

  constructor(doc: Y.Doc) {
    this.#doc = doc
  }

  /** The full state, encoded now unless it is kept. */
  get(): Uint8Array {
    this.#state ??= Y.encodeStateAsUpdate(this.#doc)
    return this.#state
  }

  /** The kept state, without encoding one: null after a change. */
  kept(): Uint8Array | null {
    return this.#state
  }

  /** Keeps `state`, which must be the document's full state now. */
  keep(state: Uint8Array): void {
    this.#state = state
  }

  /** The document changed: what is kept is no longer its state. */
  forget(): void {
    this.#state = null
  }
}
