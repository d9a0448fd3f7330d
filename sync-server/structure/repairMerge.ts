/**
 * Repairs what two honest edits can leave together though each was valid alone
 * (S9): two people each delete one of the two items of a list, and the list is
 * empty; one removes a list item's first paragraph while another adds a list
 * after it. `checkStructure` lets such updates in (each was valid for its
 * sender); after applying one, the parents it changed are checked as they now
 * are, and any that became invalid is repaired as a change of the server's own
 * (`writeAsServer`), stored and sent like any other. A repair never removes a
 * word: a container left empty is removed when its parent stays valid without
 * it, else filled with the least the schema needs (an empty paragraph); missing
 * leading nodes are filled in the same way (ProseMirror's `fillBefore`).
 */
import type { Node, NodeType } from '@tiptap/pm/model'
import { Fragment } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { isValidContent } from './contentFits.ts'
import type { SchemaRules } from './SchemaRules.ts'
import { childTypeOf } from './senderView.ts'
import type { YType } from './UpdateStructs.ts'

type Parent = Y.XmlElement | Y.XmlFragment

/** The node type a parent stands for; null for a text or an unknown node. */
function nodeTypeOf(parent: YType, root: Y.XmlFragment, rules: SchemaRules) {
  if (parent === root) return rules.topType
  return parent instanceof Y.XmlElement ? rules.elementType(parent.nodeName) : null
}

/** The visible children of a parent, each with its node type (empty text left out). */
function visibleChildren(parent: Parent, rules: SchemaRules) {
  const children: Array<{ item: Y.Item; type: ReturnType<typeof childTypeOf> }> = []
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (
      content instanceof Y.ContentType &&
      content.type instanceof Y.XmlText &&
      content.type.length === 0
    )
      continue
    children.push({ item, type: childTypeOf(item, rules) })
  }
  return children
}

/** True when the parent's children are valid for its type (parents the schema does not know pass). */
function isSound(parent: Parent, root: Y.XmlFragment, rules: SchemaRules): boolean {
  const type = nodeTypeOf(parent, root, rules)
  if (!type) return true
  // A merge only removes or reorders children: where order does not matter, being
  // empty is all that can go wrong (no walk of a long parent's children).
  if (rules.orderFree(type)) return type.contentMatch.validEnd || hasVisibleChild(parent)
  return isValidContent(
    type,
    visibleChildren(parent, rules).map((child) => child.type),
  )
}

function hasVisibleChild(parent: Parent): boolean {
  for (let item = parent._start; item !== null; item = item.right) if (!item.deleted) return true
  return false
}

/** The parents an applied transaction changed the children of that are now invalid. */
export function brokenParents(
  tr: Y.Transaction,
  root: Y.XmlFragment,
  rules: SchemaRules,
): Parent[] {
  const broken: Parent[] = []
  for (const [type, keys] of tr.changed) {
    if (!keys.has(null) || type instanceof Y.XmlText || type._item?.deleted) continue
    if (!(type instanceof Y.XmlElement) && (type as unknown) !== root) continue
    if (!isSound(type as Parent, root, rules)) broken.push(type as Parent)
  }
  return broken
}

/**
 * Repairs `parents` in place; call inside one transaction (the server's
 * change). Parents it cannot repair (children the schema has no place for at
 * all, left by data stored before these checks) stay as they are.
 * @returns the parents left unrepaired
 */
export function repairParents(
  parents: Parent[],
  root: Y.XmlFragment,
  rules: SchemaRules,
): Parent[] {
  const left: Parent[] = []
  const queue = [...parents]
  for (let parent = queue.shift(); parent; parent = queue.shift()) {
    if (parent._item?.deleted || isSound(parent, root, rules)) continue
    const holder = parent._item?.parent as Parent | undefined
    if (
      holder &&
      visibleChildren(parent, rules).length === 0 &&
      canLeaveOut(holder, parent, root, rules)
    ) {
      holder.delete(indexOf(holder, parent), 1)
      continue
    }
    if (!fill(parent, nodeTypeOf(parent, root, rules) as NodeType, rules)) left.push(parent)
  }
  return left
}

/**
 * After a client's update was applied as `tr`: repairs what it left invalid,
 * in one change made through `write` (the server's own, stored and sent).
 * @returns how many parents could not be repaired
 */
export function repairAfter(
  tr: Y.Transaction,
  root: Y.XmlFragment,
  rules: SchemaRules,
  write: (change: () => void) => void,
): number {
  const broken = brokenParents(tr, root, rules)
  if (broken.length === 0) return 0
  let left = 0
  write(() => {
    left = repairParents(broken, root, rules).length
  })
  return left
}

/** True when `holder` stays valid without its child `child`. */
function canLeaveOut(holder: Parent, child: Parent, root: Y.XmlFragment, rules: SchemaRules) {
  const type = nodeTypeOf(holder, root, rules)
  if (!type) return false
  const rest = visibleChildren(holder, rules).filter(({ item }) => item !== child._item)
  return isValidContent(
    type,
    rest.map((entry) => entry.type),
  )
}

function indexOf(holder: Parent, child: Parent): number {
  return holder.toArray().indexOf(child as Y.XmlElement)
}

/** Inserts the nodes the parent's type needs before children that cannot come yet, and at the end. */
function fill(parent: Parent, type: NodeType, rules: SchemaRules): boolean {
  let match = type.contentMatch
  let index = 0
  for (const { type: childType } of visibleChildren(parent, rules)) {
    if (childType === null || childType === 'any') return false
    let next = match.matchType(childType)
    if (!next) {
      const sample = childType.createAndFill()
      const filler = sample && match.fillBefore(Fragment.from(sample))
      if (!filler) return false
      parent.insert(index, toYTypes(filler))
      index += filler.childCount
      match = match.matchFragment(filler) ?? match
      next = match.matchType(childType)
      if (!next) return false
    }
    match = next
    index++
  }
  if (match.validEnd) return true
  const tail = match.fillBefore(Fragment.empty, true)
  if (!tail) return false
  parent.insert(index, toYTypes(tail))
  return true
}

/**
 * Filler nodes as the Yjs elements y-tiptap would write for them. Fillers are
 * made by `createAndFill`, which never makes text, so there is none to write.
 */
function toYTypes(fragment: Fragment): Y.XmlElement[] {
  const out: Y.XmlElement[] = []
  fragment.forEach((node: Node) => {
    if (node.isText) return
    const element = new Y.XmlElement(node.type.name)
    for (const [key, value] of Object.entries(node.attrs))
      if (value !== null) element.setAttribute(key, value as string)
    element.insert(0, toYTypes(node.content))
    out.push(element)
  })
  return out
}
