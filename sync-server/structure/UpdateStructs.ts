/**
 * The structs of a decoded update, read against the live document before it is
 * applied: which of them are new, where each one will land (its parent, found
 * as Yjs finds it: given, or taken from its left or right neighbour, which may
 * itself be new), and what the update deletes. Nothing here changes the
 * document.
 */
import * as Y from 'yjs'

/** Any Yjs type: they differ by their event type, which nothing here reads. */
// biome-ignore lint/suspicious/noExplicitAny: the event type of a Yjs type is invariant and unused here
export type YType = Y.AbstractType<any>

/** Where an item lands: a type, and the attribute it sets (null for a child). */
export interface Landing {
  type: YType
  sub: string | null
}

/** The item will not be part of the document: Yjs turns it into garbage (its parent is collected). */
export const GONE = 'gone'

type Struct = Y.Item | Y.GC | Y.Skip

/** Thrown when items name each other as neighbours in a circle: Yjs could never place them. */
export class CircularUpdate extends Error {
  override name = 'CircularUpdate'
}

export class UpdateStructs {
  readonly #doc: Y.Doc
  readonly #byClient = new Map<number, Struct[]>()
  readonly #landing = new Map<Y.Item, Landing | typeof GONE | null>()
  /** New types, by the item that makes them. */
  readonly #madeBy = new Map<YType, Y.Item>()
  readonly #deleted = new Map<number, Array<[number, number]>>()

  constructor(doc: Y.Doc, structs: Struct[], ds: Y.Transaction['deleteSet']) {
    this.#doc = doc
    for (const struct of structs) {
      const list = this.#byClient.get(struct.id.client) ?? []
      list.push(struct)
      this.#byClient.set(struct.id.client, list)
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType)
        this.#madeBy.set(struct.content.type, struct)
    }
    for (const list of this.#byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
    for (const [client, ranges] of ds.clients) {
      this.#deleted.set(client, mergeSpans(ranges.map(({ clock, len }) => [clock, clock + len])))
    }
  }

  /** True when the struct brings clocks the document does not hold yet. */
  isNew(struct: Struct): boolean {
    return struct.id.clock + struct.length > Y.getState(this.#doc.store, struct.id.client)
  }

  /** True when the struct's first clock is already in the document (only its tail is new). */
  isKnown(id: Y.ID): boolean {
    return id.clock < Y.getState(this.#doc.store, id.client)
  }

  /** The live struct, or the update's own, that holds `id`; null when neither does. */
  find(id: Y.ID): { live: Y.Item | Y.GC } | { fresh: Struct } | null {
    if (this.isKnown(id)) return { live: Y.getItem(this.#doc.store, id) as Y.Item | Y.GC }
    const list = this.#byClient.get(id.client) ?? []
    let [low, high] = [0, list.length - 1]
    while (low <= high) {
      const middle = (low + high) >> 1
      const struct = list[middle] as Struct
      if (id.clock < struct.id.clock) high = middle - 1
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
      else return { fresh: struct }
    }
    return null
  }

  /** Where `item` lands, as Yjs would place it; GONE when Yjs collects it. */
  landing(item: Y.Item): Landing | typeof GONE {
    // Followed without recursion: a long paste is a long chain of left neighbours.
    const chain: Y.Item[] = []
    let current = item
    let result: Landing | typeof GONE
    for (;;) {
      const known = this.#landing.get(current)
      if (known === null) throw new CircularUpdate(`item ${item.id.client}:${item.id.clock}`)
      if (known !== undefined) {
        result = known
        break
      }
      const step = this.#resolve(current)
      if (step instanceof Y.Item) {
        this.#landing.set(current, null)
        chain.push(current)
        current = step
        continue
      }
      result = step
      this.#landing.set(current, result)
      break
    }
    for (const link of chain) this.#landing.set(link, result)
    return result
  }

  /** Where `item` lands, or the new neighbour it lands beside. */
  #resolve(item: Y.Item): Landing | typeof GONE | Y.Item {
    if (this.isKnown(item.id)) {
      // Only the tail is new: it lands where the rest of the item already is.
      const live = Y.getItem(this.#doc.store, item.id)
      return live instanceof Y.Item ? { type: live.parent as YType, sub: live.parentSub } : GONE
    }
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      // `share`, not `get`: reading must not create a root (foreign roots are refused before).
      const root = this.#doc.share.get(parent)
      return root ? { type: root as YType, sub: item.parentSub } : GONE
    }
    if (parent instanceof Y.ID) {
      const type = this.#typeAt(parent)
      return type ? { type, sub: item.parentSub } : GONE
    }
    const left = item.origin ? this.find(item.origin) : null
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null
    if ((left && !isItem(left)) || (right && !isItem(right))) return GONE
    const neighbour = left ?? right
    if (!neighbour) return GONE
    if ('live' in neighbour) {
      const live = neighbour.live as Y.Item
      return { type: live.parent as YType, sub: live.parentSub }
    }
    return neighbour.fresh as Y.Item
  }

  /** The type an item with this id makes, live or new; null when it makes none. */
  #typeAt(id: Y.ID): YType | null {
    const found = this.find(id)
    if (!found) return null
    const struct = 'live' in found ? found.live : found.fresh
    return struct instanceof Y.Item && struct.content instanceof Y.ContentType
      ? (struct.content.type as YType)
      : null
  }

  /** The item that makes a type this update brings, or undefined for a live type. */
  madeBy(type: YType): Y.Item | undefined {
    return this.#madeBy.get(type)
  }

  /** Where a type sits: its own landing (new or live); null for a root. */
  placeOf(type: YType): Landing | typeof GONE | null {
    const maker = this.#madeBy.get(type)
    if (maker) return this.landing(maker)
    const item = type._item
    return item ? { type: item.parent as YType, sub: item.parentSub } : null
  }

  /** True when the update deletes any clock of `struct`. */
  deletes(struct: { id: Y.ID; length: number }): boolean {
    const spans = this.#deleted.get(struct.id.client)
    if (!spans) return false
    const [from, to] = [struct.id.clock, struct.id.clock + struct.length]
    // The last span starting before `to` is the only one that can reach past `from`.
    let [low, high] = [0, spans.length - 1]
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((spans[middle] as [number, number])[0] < to) low = middle
      else high = middle - 1
    }
    const span = spans[low]
    return span !== undefined && span[0] < to && span[1] > from
  }

  /** The live items the update deletes that are not deleted yet. */
  *liveDeletions(): Generator<Y.Item> {
    const { store } = this.#doc
    for (const [client, spans] of this.#deleted) {
      const structs = store.clients.get(client)
      if (!structs) continue
      const state = Y.getState(store, client)
      for (const [start, end] of spans) {
        const stop = Math.min(end, state)
        if (start >= stop) continue
        for (let index = Y.findIndexSS(structs, start); index < structs.length; index++) {
          const struct = structs[index] as Y.Item | Y.GC
          if (struct.id.clock >= stop) break
          if (struct instanceof Y.Item && !struct.deleted) yield struct
        }
      }
    }
  }
}

/** Sorted, non-overlapping spans covering the same clocks. */
function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = []
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

function isItem(found: { live: Y.Item | Y.GC } | { fresh: Struct }): boolean {
  return 'live' in found ? found.live instanceof Y.Item : found.fresh instanceof Y.Item
}
