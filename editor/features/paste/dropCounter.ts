/** What a paste left out, counted per kind (the kinds of `droppedText`). */
export class DropCounter {
  readonly #counts = new Map<string, number>()

  add(what: string, count = 1): void {
    if (count > 0) this.#counts.set(what, (this.#counts.get(what) ?? 0) + count)
  }

  /** As the import answers: `[{what, count}]`, empty when all was kept. */
  list(): Array<{ what: string; count: number }> {
    return [...this.#counts].map(([what, count]) => ({ what, count }))
  }
}
