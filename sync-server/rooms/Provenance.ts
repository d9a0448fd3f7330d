/**
 * Where text came from when an editor rebuilt it. y-tiptap replaces the Yjs items
 * of a block whose type changes, that is joined or split, or that is wrapped in a
 * list or quote: the same characters come back as new items of the person who
 * made the change. Within each transaction that deletes text and inserts text, the
 * inserted characters that repeat deleted ones are recorded as the same text
 * (`new id → old id`), so anchors follow their text and authorship stays with the
 * person who wrote it.
 */
import type * as decoding from 'lib0/decoding'
import type * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE } from '../../shared/schema.ts'
import { type Id, RunMap } from './RunMap.ts'

export type { Id } from './RunMap.ts'

/** Matches shorter than this are typing, not a rebuild (unless a whole run matches). */
const MIN_MATCH = 3

interface CharRun {
  text: string
  /** The id of each character, as [client, clock] pairs flattened. */
  ids: number[]
  /** Inserted runs: the textblock holding them. */
  block?: Y.XmlElement | null
  /** Inserted runs: whether their XmlText was made in this transaction. */
  inNewText?: boolean
  /** Deleted runs: the passage id of the block each character was in. */
  blockIds?: Array<string | null>
}

export class Provenance {
  /** New ids → the ids they repeat. */
  #back = new RunMap()
  /** Old ids → the ids that repeat them. */
  #forward = new RunMap()
  /** New textblocks → votes for the passage id of the block their text came from. */
  #lineage = new Map<Y.XmlElement, Map<string, number>>()

  /**
   * Records the rebuilt text of one transaction. Call before Yjs collects its
   * garbage. A rebuild always involves a text that is new or gone in the
   * transaction; typing inside a text that stays is never counted, so retyping a
   * letter someone else wrote does not make it theirs.
   */
  record(tr: Y.Transaction): void {
    if (tr.deleteSet.clients.size === 0) return
    const inserted = insertedText(tr)
    if (inserted.length === 0) return
    const { all, gone } = deletedText(tr)
    for (const run of inserted) {
      const haystack = run.inNewText ? all : gone
      if (haystack.text.length > 0) this.#match(run, haystack)
    }
  }

  #match(run: CharRun, deleted: CharRun): void {
    let i = 0
    let searchFrom = 0
    while (i < run.text.length) {
      const { at, length } = longestMatch(run.text, i, deleted.text, searchFrom)
      if (length >= MIN_MATCH || (length > 0 && length === run.text.length)) {
        if (run.block) this.#vote(run.block, deleted.blockIds!.slice(at, at + length))
        for (let k = 0; k < length; k++) {
          this.#link(
            { client: run.ids[2 * (i + k)]!, clock: run.ids[2 * (i + k) + 1]! },
            { client: deleted.ids[2 * (at + k)]!, clock: deleted.ids[2 * (at + k) + 1]! },
          )
        }
        i += length
        searchFrom = at + length
      } else {
        i += 1
      }
    }
  }

  #vote(block: Y.XmlElement, blockIds: Array<string | null>): void {
    let votes = this.#lineage.get(block)
    if (!votes) {
      votes = new Map()
      this.#lineage.set(block, votes)
    }
    for (const id of blockIds) if (id) votes.set(id, (votes.get(id) ?? 0) + 1)
  }

  /**
   * For textblocks made since the last call, the passage id of the block most of
   * their text came from: a block an editor rebuilt keeps its passage (B1).
   */
  takeLineage(): Map<Y.XmlElement, string> {
    const lineage = new Map<Y.XmlElement, string>()
    for (const [block, votes] of this.#lineage) {
      let best: [string, number] | null = null
      for (const vote of votes) if (!best || vote[1] > best[1]) best = vote
      if (best) lineage.set(block, best[0])
    }
    this.#lineage = new Map()
    return lineage
  }

  #link(newId: Id, oldId: Id): void {
    this.#back.add(newId, oldId)
    this.#forward.add(oldId, newId)
  }

  /** The id a character was first written with (itself when never rebuilt). */
  original(id: Id): Id {
    let current = id
    for (let next = this.#back.get(current); next; next = this.#back.get(current)) current = next
    return current
  }

  /** The newest id carrying the same character (itself when never rebuilt). */
  latest(id: Id): Id {
    let current = id
    for (let next = this.#forward.get(current); next; next = this.#forward.get(current))
      current = next
    return current
  }

  /** Number of runs recorded. */
  get size(): number {
    return this.#back.runCount
  }

  encode(encoder: encoding.Encoder): void {
    this.#back.encode(encoder)
  }

  static decode(decoder: decoding.Decoder): Provenance {
    const provenance = new Provenance()
    provenance.#back = RunMap.decode(decoder)
    for (const [client, [clock, length, targetClient, targetClock]] of provenance.#back.entries()) {
      provenance.#forward.addRun(targetClient, [targetClock, length, client, clock])
    }
    return provenance
  }
}

/** The longest prefix of `text[from…]` found in `haystack`, preferring positions after `near`. */
function longestMatch(
  text: string,
  from: number,
  haystack: string,
  near: number,
): { at: number; length: number } {
  const find = (length: number) => {
    const needle = text.slice(from, from + length)
    const after = haystack.indexOf(needle, near)
    return after >= 0 ? after : haystack.indexOf(needle)
  }
  let low = 0
  let high = text.length - from
  let at = -1
  // Most rebuilds repeat the whole run: try that first.
  const whole = find(high)
  if (whole >= 0) return { at: whole, length: high }
  while (low < high) {
    const middle = (low + high + 1) >> 1
    const found = find(middle)
    if (found >= 0) {
      low = middle
      at = found
    } else {
      high = middle - 1
    }
  }
  return { at, length: low }
}

/** The characters a transaction inserted, per parent, in document order. */
function insertedText(tr: Y.Transaction): CharRun[] {
  const parents = new Set<Y.AbstractType<unknown>>()
  for (const [client, clock] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (clock <= before) continue
    const structs = tr.doc.store.clients.get(client) ?? []
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!
      if (
        struct instanceof Y.Item &&
        struct.content instanceof Y.ContentString &&
        !struct.deleted
      ) {
        parents.add(struct.parent as Y.AbstractType<unknown>)
      }
    }
  }
  const runs: CharRun[] = []
  for (const parent of parents) {
    const block = parent.parent instanceof Y.XmlElement ? parent.parent : null
    const item = parent._item
    const inNewText = item !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
    const run: CharRun = { text: '', ids: [], block, inNewText }
    for (let item = parent._start; item; item = item.right) {
      const isNew = item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
      if (isNew && !item.deleted && item.content instanceof Y.ContentString) appendItem(run, item)
    }
    if (run.text) runs.push(run)
  }
  return runs
}

/**
 * The characters a transaction deleted, in document order: `all` of them, and
 * those whose XmlText was itself deleted (`gone`: a block rebuilt or joined away).
 */
function deletedText(tr: Y.Transaction): { all: CharRun; gone: CharRun } {
  const parents = new Set<Y.AbstractType<unknown>>()
  const deleted = new Set<Y.Item>()
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
      deleted.add(struct)
      parents.add(struct.parent as Y.AbstractType<unknown>)
    }
  })
  const all: CharRun = { text: '', ids: [], blockIds: [] }
  const gone: CharRun = { text: '', ids: [], blockIds: [] }
  for (const parent of parents) {
    const runs = parent._item?.deleted ? [all, gone] : [all]
    const blockId = rawBlockId(parent.parent)
    for (let item = parent._start; item; item = item.right) {
      if (!deleted.has(item)) continue
      for (const run of runs) {
        appendItem(run, item)
        for (let k = 0; k < item.length; k++) run.blockIds!.push(blockId)
      }
    }
    for (const run of runs) {
      run.text += '\u0000'
      run.ids.push(-1, -1)
      run.blockIds!.push(null)
    }
  }
  return { all, gone }
}

function appendItem(run: CharRun, item: Y.Item): void {
  const text = (item.content as Y.ContentString).str
  run.text += text
  for (let k = 0; k < text.length; k++) run.ids.push(item.id.client, item.id.clock + k)
}

/**
 * The `blockId` of an element, also when it was deleted in this transaction
 * (`getAttribute` hides deleted attributes; the content is still there until
 * Yjs collects it after the transaction).
 */
function rawBlockId(node: unknown): string | null {
  if (!(node instanceof Y.XmlElement)) return null
  const item = node._map.get(BLOCK_ID_ATTRIBUTE)
  const value = item?.content.getContent()[item.length - 1]
  return typeof value === 'string' ? value : null
}
