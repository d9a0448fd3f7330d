/**
 * The children of one parent as the sender of an update saw them when it made
 * the update, for the parent's content expression (S9). Its own new children
 * are certain: each sits right after the item it names as its left neighbour
 * (or right before its new right neighbour). Every live child may or may not
 * have been in the sender's view — one inserted or deleted by someone else
 * meanwhile it did not know of yet (a concurrent edit, edits made offline) —
 * so live children are optional, unless the update deletes them, then they are
 * gone. A child Yjs has forgotten the type of (a collected deletion) may have
 * been of any type. So an update is refused only when no view its sender could
 * have had makes the parent valid; a valid view that the merge with others'
 * edits makes invalid is repaired after it is applied (`repairMerge`).
 */
import * as Y from 'yjs'
import type { SequenceEntry } from './contentFits.ts'
import { ANY_TYPE, type ChildType, type SchemaRules } from './SchemaRules.ts'
import { CircularUpdate, type UpdateStructs, type YType } from './UpdateStructs.ts'

interface Slot extends SequenceEntry {
  absent: boolean
  prev: Slot | null
  next: Slot | null
}

/** Puts `slot` right after `after`. */
function link(after: Slot, slot: Slot): void {
  slot.prev = after
  slot.next = after.next
  if (after.next) after.next.prev = slot
  after.next = slot
}

/** The type a child item stands for. */
export function childTypeOf(item: Y.Item, rules: SchemaRules): ChildType {
  const { content } = item
  if (content instanceof Y.ContentDeleted) return ANY_TYPE
  if (!(content instanceof Y.ContentType)) return null
  const type = content.type
  if (type instanceof Y.XmlElement) return rules.elementType(type.nodeName)
  return type instanceof Y.XmlText ? rules.textType : null
}

/**
 * @param live the parent's live type, or null for a parent the update makes
 * @param fresh the update's new children of the parent (attributes excluded)
 * @throws CircularUpdate when new children name each other as neighbours in a circle
 */
export function senderView(
  live: YType | null,
  fresh: readonly Y.Item[],
  structs: UpdateStructs,
  rules: SchemaRules,
): Iterable<SequenceEntry> {
  const head: Slot = { type: null, optional: true, absent: true, prev: null, next: null }
  const slots = new Map<Y.Item, Slot>()
  let last = head
  for (let item = live?._start ?? null; item !== null; item = item.right) {
    const slot: Slot = {
      type: childTypeOf(item, rules),
      optional: true,
      absent: structs.deletes(item),
      prev: null,
      next: null,
    }
    link(last, slot)
    last = slot
    slots.set(item, slot)
  }
  const children = new Set(fresh.filter((item) => !structs.isKnown(item.id)))
  /** The new child of this parent that holds `id`, if it is one. */
  const newChildAt = (id: Y.ID | null): Y.Item | undefined => {
    const found = id && structs.find(id)
    return found && 'fresh' in found && children.has(found.fresh as Y.Item)
      ? (found.fresh as Y.Item)
      : undefined
  }
  const slotAt = (id: Y.ID | null): Slot | undefined => {
    if (id === null) return head
    const found = structs.find(id)
    return found ? slots.get(('live' in found ? found.live : found.fresh) as Y.Item) : undefined
  }
  const place = (item: Y.Item) => {
    const left = slotAt(item.origin)
    if (!left)
      throw new CircularUpdate(`item ${item.id.client}:${item.id.clock} has no neighbour here`)
    const right = newChildAt(item.rightOrigin) && slotAt(item.rightOrigin)
    const slot: Slot = {
      type: childTypeOf(item, rules),
      // Empty text adds nothing; a deleted child is not there.
      optional: item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText,
      absent: structs.deletes(item) || item.content instanceof Y.ContentDeleted,
      prev: null,
      next: null,
    }
    // Right after its left neighbour, or right before its new right one.
    link(right?.prev ?? left, slot)
    slots.set(item, slot)
  }
  // Each child is placed once its new neighbours are: in dependency order, never in rounds.
  const waitingFor = new Map<Y.Item, number>()
  const dependents = new Map<Y.Item, Y.Item[]>()
  const ready: Y.Item[] = []
  for (const item of children) {
    const needs = new Set([newChildAt(item.origin), newChildAt(item.rightOrigin)])
    needs.delete(undefined)
    if (needs.size === 0) ready.push(item)
    waitingFor.set(item, needs.size)
    for (const need of needs) {
      const list = dependents.get(need as Y.Item) ?? []
      list.push(item)
      dependents.set(need as Y.Item, list)
    }
  }
  let placed = 0
  for (; placed < ready.length; placed++) {
    const item = ready[placed] as Y.Item
    place(item)
    for (const next of dependents.get(item) ?? []) {
      const left = (waitingFor.get(next) ?? 1) - 1
      waitingFor.set(next, left)
      if (left === 0) ready.push(next)
    }
  }
  if (placed < children.size) throw new CircularUpdate('children wait for each other')
  return entries(head.next)
}

function* entries(first: Slot | null): Generator<SequenceEntry> {
  for (let slot = first; slot; slot = slot.next) if (!slot.absent) yield slot
}
