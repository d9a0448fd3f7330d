/**
 * What an import could not keep (contract W1): counted per kind while the
 * document is read, answered as `dropped: [{what, count}]`. The kinds are
 * stable codes (docs/API.md); the editor words them in Dutch.
 */

/** Kinds of content an import reports as not kept. */
export const DROPPED_KINDS = [
  'image',
  'textbox',
  'trackedChange',
  'comment',
  'chart',
  'diagram',
  'equation',
  'headerFooter',
  'tableInside',
] as const

export type DroppedKind = (typeof DROPPED_KINDS)[number]

/** One line of the answer: how many of one kind were not kept. */
export interface Dropped {
  what: DroppedKind
  count: number
}

/** Counts what was not kept, kind by kind. */
export class DroppedCounter {
  readonly #counts = new Map<DroppedKind, number>()

  add(what: DroppedKind, count = 1): void {
    if (count > 0) this.#counts.set(what, (this.#counts.get(what) ?? 0) + count)
  }

  /** Adds every line of `other`. */
  addAll(other: readonly Dropped[]): void {
    for (const line of other) this.add(line.what, line.count)
  }

  /** The answer's list, in the order of {@link DROPPED_KINDS}; empty when all was kept. */
  list(): Dropped[] {
    return DROPPED_KINDS.flatMap((what) => {
      const count = this.#counts.get(what) ?? 0
      return count > 0 ? [{ what, count }] : []
    })
  }
}
