/**
 * Replacing a passage's text as one minimal change (contract C6): only the
 * characters that differ are deleted and inserted, so the rest keeps its items —
 * and with them its authors and the anchors of other threads. Characters are
 * code points: an emoji is never split.
 */
import * as Y from 'yjs'
import { commonEnds } from '../../shared/codePoints.ts'
import type { LinearText } from './LinearText.ts'

export interface Replacement {
  /** Runs inside a server transaction. */
  apply(): void
  /** Offsets of the new text once applied. */
  from: number
  to: number
}

/** Text for a document that has none yet: one paragraph per line. */
function firstText(linear: LinearText, replacement: string): Replacement {
  return {
    from: 0,
    to: replacement.length,
    apply: () => {
      const paragraphs = replacement.split('\n').map((line) => {
        const paragraph = new Y.XmlElement('paragraph')
        if (line) paragraph.insert(0, [new Y.XmlText(line)])
        return paragraph
      })
      linear.root.insert(0, paragraphs)
    },
  }
}

/**
 * @returns null when the range spans more than one run of text (several
 *   blocks), or the replacement has several lines (it splits the passage)
 */
export function planReplacement(
  linear: LinearText,
  from: number,
  to: number,
  replacement: string,
): Replacement | null {
  if (linear.blocks.length === 0 && from === 0 && to === 0) return firstText(linear, replacement)
  if (replacement.includes('\n')) return null
  const empty = from === to ? linear.emptyBlockAt(from) : null
  if (empty) {
    return {
      from,
      to: from + replacement.length,
      apply: () => empty.insert(0, [new Y.XmlText(replacement)]),
    }
  }
  // An insertion (an empty range) goes into the text its place belongs to.
  const start = linear.positionAt(from, from === to ? 'end' : 'start')
  const end = from === to ? start : linear.positionAt(to, 'end')
  if (!start || !end || start.text !== end.text) return null
  const current = linear.value.slice(from, to)
  // In whole characters: deleting half of a surrogate pair (an emoji) would
  // leave Yjs holding U+FFFD beside the other half.
  const { prefix, suffix } = commonEnds(current, replacement)
  const text: Y.XmlText = start.text
  const at = start.index + prefix
  const removed = current.length - prefix - suffix
  const inserted = replacement.slice(prefix, replacement.length - suffix)
  return {
    from,
    to: from + replacement.length,
    apply: () => {
      if (removed > 0) text.delete(at, removed)
      // Without attributes Yjs takes the formatting at the position (bold stays bold).
      if (inserted) text.insert(at, inserted)
    },
  }
}
