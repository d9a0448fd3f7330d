/**
 * Yjs marks formatting with marker items in the text (`bold` on, `bold` off).
 * After a remote change every replica runs a cleanup that deletes markers that
 * no longer change anything. A replica that caught up with one merged update
 * can find one the server's step-by-step cleanups kept; its Yjs then deletes it
 * and sends the deletion, also from a reviewer's browser. Removing such a marker
 * changes no character and no formatting: it is housekeeping, not an edit.
 */
import * as Y from 'yjs'

/** One stretch of text with the formatting in force over it. */
type Run = { length: number; attributes: string }

/**
 * True when every item is an undeleted formatting marker and deleting them all
 * leaves every affected text with exactly the same characters and formatting.
 */
export function isRedundantFormatting(items: readonly Y.Item[]): boolean {
  const texts = new Set<Y.Text>()
  for (const item of items) {
    if (item.deleted || !(item.content instanceof Y.ContentFormat)) return false
    if (!(item.parent instanceof Y.Text)) return false
    texts.add(item.parent)
  }
  const removed = new Set<Y.Item>(items)
  for (const text of texts) {
    if (!sameRuns(runsOf(text, new Set()), runsOf(text, removed))) return false
  }
  return true
}

/** The text's formatted stretches, as Yjs reads them, with `skipped` markers left out. */
function runsOf(text: Y.Text, skipped: ReadonlySet<Y.Item>): Run[] {
  const attributes = new Map<string, unknown>()
  const runs: Run[] = []
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || skipped.has(item)) continue
    if (item.content instanceof Y.ContentFormat) {
      // As Yjs does: a null value ends the attribute, any other value sets it.
      const { key, value } = item.content
      if (value === null) attributes.delete(key)
      else attributes.set(key, value)
      continue
    }
    if (!item.countable) continue
    const key = JSON.stringify([...attributes].sort(([a], [b]) => (a < b ? -1 : 1)))
    const last = runs[runs.length - 1]
    if (last && last.attributes === key) last.length += item.length
    else runs.push({ length: item.length, attributes: key })
  }
  return runs
}

function sameRuns(a: Run[], b: Run[]): boolean {
  return (
    a.length === b.length &&
    a.every((run, i) => run.length === b[i]!.length && run.attributes === b[i]!.attributes)
  )
}
