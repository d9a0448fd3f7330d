/**
 * Passage numbers (contract R3): 1, 2, 2.1 … following the headings, so members
 * and the ALV can cite a passage. Server and editor number with this one
 * function, so the number beside the text and the one in the summary and the
 * memorandum agree.
 */

/** What numbering needs of a textblock, in text order. */
export interface OutlineBlock {
  /** The heading level (1 = highest), or null for a paragraph. */
  heading: number | null
  /** True for a block without visible text: it gets no number. */
  empty: boolean
}

interface Level {
  /** Heading level that opened this level; 0 for the text itself. */
  heading: number
  prefix: string
  count: number
}

/**
 * The number of each block by its path in the outline that the headings make:
 * text before the first heading is 1, 2, …; a heading takes the next number of
 * the level it falls in and opens a level of its own, so its paragraphs are
 * n.1, n.2 and a lower heading under it continues that counter (n.3) with its
 * own paragraphs n.3.1 …; a heading of the same or a higher level closes the
 * levels down to its own. Example: [p, h1, p, p, h2, p, h1, p] → 1, 2, 2.1,
 * 2.2, 2.3, 2.3.1, 3, 3.1.
 *
 * Empty blocks get null and take no number: a blank line (Enter pressed twice)
 * is nothing anyone cites, and numbering it would shift every number after it
 * whenever someone tidies the white space.
 */
export function passageNumbers(blocks: readonly OutlineBlock[]): Array<string | null> {
  const stack: Level[] = [{ heading: 0, prefix: '', count: 0 }]
  return blocks.map((block) => {
    if (block.empty) return null
    if (block.heading !== null) {
      const level = Math.max(1, block.heading)
      while (stack.length > 1 && stack[stack.length - 1]!.heading >= level) stack.pop()
    }
    const parent = stack[stack.length - 1]!
    parent.count += 1
    const number = `${parent.prefix}${parent.count}`
    if (block.heading !== null) {
      stack.push({ heading: Math.max(1, block.heading), prefix: `${number}.`, count: 0 })
    }
    return number
  })
}
