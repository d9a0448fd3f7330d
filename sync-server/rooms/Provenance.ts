/**
 * Where text came from when an editor rebuilt it. y-tiptap replaces the Yjs items
 * of a block whose type changes, that is joined or split, or that is wrapped in a
 * list or quote: the same characters come back as new items of the person who
 * made the change. Within each transaction that deletes text and inserts text, the
 * inserted characters that repeat deleted ones are recorded as the same text
 * (`new id → old id`), so anchors follow their text and authorship stays with the
 * person who wrote it.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE } from '../../shared/schema.ts'

/** A run of `length` ids starting at `clock`, mapped to `targetClient`:`targetClock`. */
type Run = [clock: number, length: number, targetClient: number, targetClock: number]

/** Matches shorter than this are typing, not a rebuild (unless a whole run matches). */
const MIN_MATCH = 3

interface CharRun {
  text: string
  /** The id of each character, as [client, clock] pairs flattened. */
  ids: number[]
  /** Inserted runs: the textblock holding them. */
  block?: Y.XmlElement | null
  /** Deleted runs: the passage id of the block each character was in. */
  blockIds?: Array<string | null>
}

export interface Id {
  client: number
  clock: number
}

export class Provenance {
  /** new client → runs mapping new ids to the ids they repeat. */
  readonly #back = new Map<number, Run[]>()
  /** old client → runs mapping old ids to the ids that repeat them. */
  readonly #forward = new Map<number, Run[]>()
  /** New textblocks → votes for the passage id of the block their text came from. */
  #lineage = new Map<Y.XmlElement, Map<string, number>>()

  /** Records the rebuilt text of one transaction. Call before Yjs collects its garbage. */
  record(tr: Y.Transaction): void {
    if (tr.deleteSet.clients.size === 0) return
    const inserted = insertedText(tr)
    if (inserted.length === 0) return
    const deleted = deletedText(tr)
    if (deleted.text.length === 0) return
    for (const run of inserted) this.#match(run, deleted)
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
    addToRuns(this.#back, newId, oldId)
    addToRuns(this.#forward, oldId, newId)
  }

  /** The id a character was first written with (itself when never rebuilt). */
  original(id: Id): Id {
    let current = id
    for (let next = lookup(this.#back, current); next; next = lookup(this.#back, current))
      current = next
    return current
  }

  /** The newest id carrying the same character (itself when never rebuilt). */
  latest(id: Id): Id {
    let current = id
    for (let next = lookup(this.#forward, current); next; next = lookup(this.#forward, current))
      current = next
    return current
  }

  get size(): number {
    let count = 0
    for (const runs of this.#back.values()) count += runs.length
    return count
  }

  encode(encoder: encoding.Encoder): void {
    encoding.writeVarUint(encoder, this.#back.size)
    for (const [client, runs] of this.#back) {
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, runs.length)
      for (const [clock, length, targetClient, targetClock] of runs) {
        encoding.writeVarUint(encoder, clock)
        encoding.writeVarUint(encoder, length)
        encoding.writeVarUint(encoder, targetClient)
        encoding.writeVarUint(encoder, targetClock)
      }
    }
  }

  static decode(decoder: decoding.Decoder): Provenance {
    const provenance = new Provenance()
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const client = decoding.readVarUint(decoder)
      for (let m = decoding.readVarUint(decoder); m > 0; m--) {
        const clock = decoding.readVarUint(decoder)
        const length = decoding.readVarUint(decoder)
        const targetClient = decoding.readVarUint(decoder)
        const targetClock = decoding.readVarUint(decoder)
        for (let k = 0; k < length; k++) {
          provenance.#link(
            { client, clock: clock + k },
            { client: targetClient, clock: targetClock + k },
          )
        }
      }
    }
    return provenance
  }
}

/** Appends `from → to`, extending the last run when both continue it. */
function addToRuns(map: Map<number, Run[]>, from: Id, to: Id): void {
  let runs = map.get(from.client)
  if (!runs) {
    runs = []
    map.set(from.client, runs)
  }
  const last = runs[runs.length - 1]
  if (
    last &&
    last[0] + last[1] === from.clock &&
    last[2] === to.client &&
    last[3] + last[1] === to.clock
  ) {
    last[1]++
    return
  }
  // Runs stay sorted by clock: ids of one transaction arrive in clock order per client.
  let index = runs.length
  while (index > 0 && runs[index - 1]![0] > from.clock) index--
  runs.splice(index, 0, [from.clock, 1, to.client, to.clock])
}

function lookup(map: Map<number, Run[]>, id: Id): Id | null {
  const runs = map.get(id.client)
  if (!runs) return null
  let low = 0
  let high = runs.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const [clock, length, targetClient, targetClock] = runs[middle]!
    if (id.clock < clock) high = middle - 1
    else if (id.clock >= clock + length) low = middle + 1
    else return { client: targetClient, clock: targetClock + (id.clock - clock) }
  }
  return null
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
    const run: CharRun = { text: '', ids: [], block }
    for (let item = parent._start; item; item = item.right) {
      const isNew = item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
      if (isNew && !item.deleted && item.content instanceof Y.ContentString) appendItem(run, item)
    }
    if (run.text) runs.push(run)
  }
  return runs
}

/** The characters a transaction deleted, all parents together, in document order. */
function deletedText(tr: Y.Transaction): CharRun {
  const parents = new Set<Y.AbstractType<unknown>>()
  const deleted = new Set<Y.Item>()
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
      deleted.add(struct)
      parents.add(struct.parent as Y.AbstractType<unknown>)
    }
  })
  const run: CharRun = { text: '', ids: [], blockIds: [] }
  for (const parent of parents) {
    const blockId = rawBlockId(parent.parent)
    for (let item = parent._start; item; item = item.right) {
      if (!deleted.has(item)) continue
      appendItem(run, item)
      for (let k = 0; k < item.length; k++) run.blockIds!.push(blockId)
    }
    run.text += '\u0000'
    run.ids.push(-1, -1)
    run.blockIds!.push(null)
  }
  return run
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
