import type { Node } from '@tiptap/pm/model'
import { linearSlice } from './linearPositions.ts'

/** A change of the text: `[from, to)` of the old document replaced by `text`. */
export interface TextEdit {
  from: number
  to: number
  /** What was there, as the server quotes it. */
  removed: string
  text: string
}

/** The top-level children of `doc` that `[from, to]` touches, as a range of positions. */
function coveringRange(doc: Node, from: number, to: number): { from: number; to: number } {
  let start = doc.content.size
  let end = doc.content.size
  let offset = 0
  for (let i = 0; i < doc.childCount; i++) {
    const next = offset + doc.child(i).nodeSize
    if (start === doc.content.size && from < next) start = offset
    if (to < next) {
      end = next
      break
    }
    offset = next
  }
  return { from: Math.min(start, end), to: end }
}

/**
 * Where to cut when the same characters repeat (typing an "e" after "ee"): of
 * the places the text can differ from, the one nearest the caret.
 */
function splitNear(old: string, next: string, caret: number): [prefix: number, suffix: number] {
  const shortest = Math.min(old.length, next.length)
  let maxPrefix = 0
  while (maxPrefix < shortest && old[maxPrefix] === next[maxPrefix]) maxPrefix++
  let maxSuffix = 0
  while (
    maxSuffix < shortest &&
    old[old.length - 1 - maxSuffix] === next[next.length - 1 - maxSuffix]
  )
    maxSuffix++
  const lowest = Math.max(0, shortest - maxSuffix)
  const prefix = Math.min(maxPrefix, Math.max(lowest, caret))
  return [prefix, Math.min(maxSuffix, shortest - prefix)]
}

/**
 * What a change of the document did to its text, as one replacement in the
 * old document: the characters that differ, found between the top-level blocks
 * the change touched. Null when the text stayed the same (formatting, a list
 * or quote around it): that is no change a suggestion can carry.
 * @param caret where the old selection starts: repeated characters are cut there
 */
export function textEditOf(before: Node, after: Node, caret: number): TextEdit | null {
  const start = before.content.findDiffStart(after.content)
  if (start === null) return null
  const end = before.content.findDiffEnd(after.content)
  let endA = end?.a ?? before.content.size
  let endB = end?.b ?? after.content.size
  const overlap = start - Math.min(endA, endB)
  if (overlap > 0) {
    endA += overlap
    endB += overlap
  }
  // The caret's own block is read too, so an Enter at the end of a passage is a
  // break after it rather than one before the next passage.
  const lo = Math.min(start, caret)
  const beyond = Math.max(0, caret - endA)
  const rangeA = coveringRange(before, lo, endA + beyond)
  const rangeB = coveringRange(after, lo, endB + beyond)
  const old = linearSlice(before, rangeA.from, rangeA.to)
  const next = linearSlice(after, rangeB.from, rangeB.to).text
  if (old.text === next) return null
  let caretOffset = old.positions.findIndex((position) => position >= caret)
  if (caretOffset < 0) caretOffset = old.text.length
  const [prefix, suffix] = splitNear(old.text, next, caretOffset)
  return {
    from: old.positions[prefix]!,
    to: old.positions[old.text.length - suffix]!,
    removed: old.text.slice(prefix, old.text.length - suffix),
    text: next.slice(prefix, next.length - suffix),
  }
}
