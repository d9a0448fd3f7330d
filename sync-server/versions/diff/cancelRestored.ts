/**
 * Text deleted and put back at the same place is no change. An undo of a
 * deletion writes new Yjs items, so by identity the text was deleted and
 * inserted again; shown as such it is only noise. Within a run of changes with
 * no unchanged text between them, deletions and insertions of the very same
 * text, paired from the start, become unchanged text in front of the rest.
 */
import { countCharacters } from '../../../shared/codePoints.ts'
import type { RawChange, RawDiff, ViewBlock, ViewPart } from './types.ts'

export function cancelRestored(diff: RawDiff): RawDiff {
  const cancelled = new Set<number>()
  const view = diff.view.map((block) => cancelInBlock(block, diff.changes, cancelled))
  if (cancelled.size === 0) return diff

  const changes: RawChange[] = []
  const renumbered = new Map<number, number>()
  let { inserted, deleted } = diff
  diff.changes.forEach((change, index) => {
    if (!cancelled.has(index)) {
      renumbered.set(index, changes.length)
      changes.push(change)
    } else if (change.type === 'insert') inserted -= countCharacters(change.text)
    else deleted -= countCharacters(change.text)
  })
  for (const block of view) {
    for (const part of block.parts)
      if (part.change !== undefined) part.change = renumbered.get(part.change)!
  }
  return { ...diff, changes, inserted, deleted, view }
}

/** The block with restored text as unchanged parts; marks the changes it cancelled. */
function cancelInBlock(block: ViewBlock, changes: RawChange[], cancelled: Set<number>): ViewBlock {
  const parts: ViewPart[] = []
  let hunk: ViewPart[] = []
  const flush = () => {
    const deletions = hunk.filter((part) => changes[part.change!]!.type === 'delete')
    const insertions = hunk.filter((part) => changes[part.change!]!.type === 'insert')
    let pairs = 0
    while (
      pairs < deletions.length &&
      pairs < insertions.length &&
      deletions[pairs]!.text === insertions[pairs]!.text
    )
      pairs++
    for (let k = 0; k < pairs; k++) {
      cancelled.add(deletions[k]!.change!)
      cancelled.add(insertions[k]!.change!)
      appendSame(parts, insertions[k]!.text)
    }
    const kept = new Set([...deletions.slice(pairs), ...insertions.slice(pairs)])
    for (const part of hunk) if (kept.has(part)) parts.push({ ...part })
    hunk = []
  }
  for (const part of block.parts) {
    if (part.change !== undefined) {
      hunk.push(part)
      continue
    }
    flush()
    appendSame(parts, part.text)
  }
  flush()
  return { ...block, parts }
}

function appendSame(parts: ViewPart[], text: string): void {
  const last = parts[parts.length - 1]
  if (last && last.change === undefined) last.text += text
  else parts.push({ text })
}
