/**
 * Anchors that follow their text (contract C3). A thread keeps Yjs relative
 * positions of its first and last character, plus its quote and a little text
 * around it. Resolving tries, in order:
 *   1. the positions, carried through text an editor rebuilt (Provenance);
 *   2. for a range whose text was deleted, the quote where the text was (an
 *      undo puts it back there, as new items);
 *   3. the quote within the thread's passage, when the positions are gone.
 * Otherwise the thread is not anchored and keeps its quote.
 *
 * A thread whose quote is empty is a point: a suggestion to insert text there.
 * Its anchor holds one position, sticking to the character before it (to the
 * passage's start when there is none), and it stays anchored while that place
 * is in the text — only removing its whole passage takes it away.
 */
import * as Y from 'yjs'
import type { AnchorRecord, RelativePositionJson } from '../persistence/Storage.ts'
import type { Provenance } from '../rooms/Provenance.ts'
import type { LinearText } from './LinearText.ts'

/** Characters of context kept on each side of a quote. */
const CONTEXT = 32

export interface Resolved {
  anchored: boolean
  from: number
  to: number
  /** The anchor to store: the same, or pointing at where the text is now. */
  anchor: AnchorRecord
}

export interface AnchorInput {
  anchor: AnchorRecord
  quote: string
  blockId: string | null
}

function decode(json: RelativePositionJson, provenance: Provenance): Y.RelativePosition | null {
  let position: Y.RelativePosition
  try {
    position = Y.createRelativePositionFromJSON(json)
  } catch {
    return null
  }
  if (!position.item) return position
  const latest = provenance.latest(position.item)
  return new Y.RelativePosition(
    position.type,
    position.tname,
    Y.createID(latest.client, latest.clock),
    position.assoc,
  )
}

function offsetOf(
  json: RelativePositionJson,
  doc: Y.Doc,
  linear: LinearText,
  provenance: Provenance,
): number | null {
  const relative = decode(json, provenance)
  if (!relative) return null
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc)
  return absolute ? linear.offsetOf(absolute) : null
}

/** True when a relative position refers to structs the document does not have yet (C2: 409). */
export function refersToUnknown(json: RelativePositionJson, doc: Y.Doc): boolean {
  try {
    const position = Y.createRelativePositionFromJSON(json)
    const id = position.item ?? position.type
    return id !== null && Y.getState(doc.store, id.client) <= id.clock
  } catch {
    return true
  }
}

/**
 * An anchor on `[from, to)` of the linear text, sticking to its first and last
 * character; for `from === to` a point sticking to the character before it.
 */
export function anchorAt(linear: LinearText, from: number, to: number): AnchorRecord | null {
  if (from === to) return pointAt(linear, from)
  const start = linear.positionAt(from, 'start')
  const end = linear.positionAt(to, 'end')
  if (!start || !end) return null
  return {
    from: Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(start.text, start.index, 0),
    ),
    to: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(end.text, end.index, -1)),
    anchored: to > from,
    prefix: linear.value.slice(Math.max(0, from - CONTEXT), from),
    suffix: linear.value.slice(to, to + CONTEXT),
  }
}

/** Where a point sticks: the character before it, its empty passage, or the start of an empty document. */
function pointPosition(linear: LinearText, at: number): Y.RelativePosition | null {
  const place = linear.positionAt(at, 'end')
  if (place) return Y.createRelativePositionFromTypeIndex(place.text, place.index, -1)
  const empty = linear.emptyBlockAt(at)
  if (empty) return Y.createRelativePositionFromTypeIndex(empty, 0, -1)
  // A proposal nobody wrote in yet has no passage at all: the text starts there.
  if (linear.blocks.length === 0 && at === 0)
    return Y.createRelativePositionFromTypeIndex(linear.root, 0, -1)
  return null
}

function pointAt(linear: LinearText, at: number): AnchorRecord | null {
  const place = pointPosition(linear, at)
  if (!place) return null
  const position = Y.relativePositionToJSON(place)
  return {
    from: position,
    to: position,
    anchored: true,
    prefix: linear.value.slice(Math.max(0, at - CONTEXT), at),
    suffix: linear.value.slice(at, at + CONTEXT),
  }
}

/** How many block separators a quote begins and ends with (a suggestion to join passages). */
function separatorsAtEnds(quote: string): [number, number] {
  let lead = 0
  while (lead < quote.length && quote[lead] === '\n') lead++
  if (lead === quote.length) return [lead, lead]
  let trail = 0
  while (quote[quote.length - 1 - trail] === '\n') trail++
  return [lead, trail]
}

/**
 * Trims block separators off the ends of a range (a triple click selects up to
 * the next passage), keeping as many as the quote itself begins and ends with.
 */
export function trimRange(
  linear: LinearText,
  from: number,
  to: number,
  quote = '',
): [number, number] {
  const [lead, trail] = separatorsAtEnds(quote)
  const isSeparator = (at: number) => linear.value[at] === '\n'
  let start = from
  let end = to
  let leading = 0
  while (start + leading < end && isSeparator(start + leading)) leading++
  for (; leading > lead; leading--) start++
  let trailing = 0
  while (end - trailing > start && isSeparator(end - 1 - trailing)) trailing++
  for (; trailing > trail; trailing--) end--
  return [start, end]
}

function rebuilt(input: AnchorInput, linear: LinearText, from: number, to: number): Resolved {
  const anchor = anchorAt(linear, from, to)
  if (!anchor) return { anchored: false, from, to, anchor: { ...input.anchor, anchored: false } }
  return { anchored: true, from, to, anchor }
}

/** Finds the quote in the thread's passage, preferring the occurrence whose context fits. */
function searchInPassage(input: AnchorInput, linear: LinearText): number | null {
  if (!input.blockId || !input.quote) return null
  const block = linear.blockById(input.blockId)
  if (!block) return null
  const passage = linear.value.slice(block.start, block.end)
  let best: { at: number; score: number } | null = null
  for (let at = passage.indexOf(input.quote); at >= 0; at = passage.indexOf(input.quote, at + 1)) {
    const offset = block.start + at
    const before = linear.value.slice(Math.max(0, offset - CONTEXT), offset)
    const after = linear.value.slice(
      offset + input.quote.length,
      offset + input.quote.length + CONTEXT,
    )
    const score =
      commonSuffix(before, input.anchor.prefix) + commonPrefix(after, input.anchor.suffix)
    if (!best || score > best.score) best = { at: offset, score }
  }
  return best?.at ?? null
}

/** A point (an insertion) is anchored while its place is in the text. */
function resolvePoint(
  input: AnchorInput,
  doc: Y.Doc,
  linear: LinearText,
  provenance: Provenance,
): Resolved {
  const at = offsetOf(input.anchor.from, doc, linear, provenance)
  if (at === null)
    return { anchored: false, from: 0, to: 0, anchor: { ...input.anchor, anchored: false } }
  const fresh = pointAt(linear, at)
  const anchor = fresh
    ? { ...input.anchor, from: fresh.from, to: fresh.to, anchored: true }
    : { ...input.anchor, anchored: true }
  return { anchored: true, from: at, to: at, anchor }
}

export function resolveAnchor(
  input: AnchorInput,
  doc: Y.Doc,
  linear: LinearText,
  provenance: Provenance,
): Resolved {
  if (input.quote === '') return resolvePoint(input, doc, linear, provenance)
  const from = offsetOf(input.anchor.from, doc, linear, provenance)
  const to = offsetOf(input.anchor.to, doc, linear, provenance)
  if (from !== null && to !== null) {
    const [start, end] = trimRange(linear, from, to, input.quote)
    if (end > start) {
      // Point at the characters as they are now, so clients (which cannot follow
      // the server's provenance) resolve it too; context stays as it was.
      const fresh = anchorAt(linear, start, end)
      const anchor = fresh
        ? { ...input.anchor, from: fresh.from, to: fresh.to, anchored: true }
        : { ...input.anchor, anchored: true }
      return { anchored: true, from: start, to: end, anchor }
    }
    // Deleted: has the text come back where it was?
    const length = input.quote.length
    if (length > 0 && linear.value.slice(start, start + length) === input.quote) {
      return rebuilt(input, linear, start, start + length)
    }
    if (
      length > 0 &&
      start >= length &&
      linear.value.slice(start - length, start) === input.quote
    ) {
      return rebuilt(input, linear, start - length, start)
    }
  }
  if (from === null || to === null) {
    const found = searchInPassage(input, linear)
    if (found !== null) return rebuilt(input, linear, found, found + input.quote.length)
  }
  const at = from ?? to ?? 0
  return { anchored: false, from: at, to: at, anchor: { ...input.anchor, anchored: false } }
}

function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}
