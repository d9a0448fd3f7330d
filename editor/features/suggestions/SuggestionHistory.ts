import { type DraftChange, restoreDraft } from './draftEdits.ts'
import type { SuggestionStore } from './SuggestionStore.ts'

/** Changes to one suggestion within this time are undone together (a word typed, say). */
const GROUP_MS = 1000

interface Entry extends DraftChange {
  at: number
}

/**
 * Undo and redo while suggesting: Ctrl+Z takes back what the person last did
 * to their suggestions (not to the text, which suggesting never changes).
 */
export class SuggestionHistory {
  readonly #done: Entry[] = []
  readonly #undone: Entry[] = []
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  record(change: DraftChange): void {
    const at = this.#now()
    const last = this.#done.at(-1)
    this.#undone.length = 0
    if (last && last.key === change.key && at - last.at < GROUP_MS) {
      last.after = change.after
      last.at = at
      return
    }
    this.#done.push({ ...change, at })
  }

  get canUndo(): boolean {
    return this.#done.length > 0
  }

  get canRedo(): boolean {
    return this.#undone.length > 0
  }

  /** @returns the key of the suggestion it changed, or null when there was nothing to undo */
  undo(store: SuggestionStore): string | null {
    const entry = this.#done.pop()
    if (!entry) return null
    restoreDraft(store, entry.key, entry.before)
    this.#undone.push(entry)
    return store.keyOf(entry.key)
  }

  redo(store: SuggestionStore): string | null {
    const entry = this.#undone.pop()
    if (!entry) return null
    restoreDraft(store, entry.key, entry.after)
    this.#done.push({ ...entry, at: 0 })
    return store.keyOf(entry.key)
  }
}
