/**
 * Decides before an update is applied whether the text it leaves is a document
 * of the schema (contract S9): Yjs cannot take an applied update back, so
 * nothing of a refused one is ever stored. Only what the update touches is
 * looked at: each new item against the place it lands (`itemProblem`), and the
 * children of every parent that gains or loses one, as the sender saw them
 * (`senderView`), against the parent's content expression. A typed character
 * costs one lookup of its neighbour and no content matching at all.
 */
import type { NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { itemProblem, roleOf } from './checkItem.ts'
import { contentFits } from './contentFits.ts'
import { ANY_TYPE, type SchemaRules } from './SchemaRules.ts'
import { childTypeOf, senderView } from './senderView.ts'
import { CircularUpdate, GONE, UpdateStructs, type YType } from './UpdateStructs.ts'

/** A decoded update (`Y.decodeUpdate`). */
export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>
  ds: Y.Transaction['deleteSet']
}

export type StructureVerdict = { ok: true } | { ok: false; detail: string }

const refuse = (detail: string): StructureVerdict => ({ ok: false, detail })

/**
 * @param doc the live document the update would be applied to
 * @param root the fragment holding the text (`default`, S2)
 */
export function checkStructure(
  doc: Y.Doc,
  root: Y.XmlFragment,
  update: DecodedUpdate,
  rules: SchemaRules,
): StructureVerdict {
  try {
    return check(doc, root, update, rules)
  } catch (error) {
    if (error instanceof CircularUpdate) return refuse(error.message)
    throw error
  }
}

function check(
  doc: Y.Doc,
  root: Y.XmlFragment,
  update: DecodedUpdate,
  rules: SchemaRules,
): StructureVerdict {
  const structs = new UpdateStructs(doc, update.structs, update.ds)
  /** Parents whose children change, with the new children each gets. */
  const parents = new Map<YType, Y.Item[]>()
  /** Attributes the update gives the elements it makes. */
  const attributes = new Map<YType, Set<string>>()
  const childrenOf = (type: YType) => {
    const list = parents.get(type) ?? []
    parents.set(type, list)
    return list
  }
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || !structs.isNew(struct)) continue
    const landing = structs.landing(struct)
    if (landing === GONE) continue
    const role = roleOf(landing.type, root, structs, rules)
    const problem = itemProblem(struct, landing, role, rules)
    if (problem) return refuse(problem)
    if (struct.content instanceof Y.ContentType && struct.content.type instanceof Y.XmlElement)
      childrenOf(struct.content.type)
    if (landing.sub === null && !(landing.type instanceof Y.XmlText))
      childrenOf(landing.type).push(struct)
    else if (landing.sub !== null && structs.madeBy(landing.type))
      attributes.set(landing.type, (attributes.get(landing.type) ?? new Set()).add(landing.sub))
  }
  for (const item of structs.liveDeletions()) {
    const parent = item.parent as YType
    if (item.parentSub === null && !(parent instanceof Y.XmlText)) childrenOf(parent)
  }
  for (const [parent, fresh] of parents) {
    const problem = sequenceProblem(parent, fresh, attributes.get(parent), root, structs, rules)
    if (problem) return refuse(problem)
  }
  return { ok: true }
}

/** Why the children of `parent` cannot be what the update leaves, or null. */
function sequenceProblem(
  parent: YType,
  fresh: readonly Y.Item[],
  given: ReadonlySet<string> | undefined,
  root: Y.XmlFragment,
  structs: UpdateStructs,
  rules: SchemaRules,
): string | null {
  const maker = structs.madeBy(parent)
  // A parent that is or will be deleted shows nothing.
  if (
    maker
      ? structs.deletes(maker)
      : parent._item?.deleted || (parent._item && structs.deletes(parent._item))
  )
    return null
  if (maker && structs.landing(maker) === GONE) return null
  // Deletions alone are never refused: the sender's copy may hold children the
  // live document lacks or has already lost (an honest client emptied a list this
  // way in a convergence run), and whatever they leave invalid together with the
  // live document is mended after applying, like any merge (`repairMerge`).
  if (!maker && fresh.length === 0) return null
  const role = roleOf(parent, root, structs, rules)
  // Deleting inside a node the schema does not know (stored before these checks) is not refused.
  if (role.kind !== 'node') return null
  if (maker) {
    for (const [name, rule] of rules.attributes(role.type))
      if (!rule.hasDefault && !given?.has(name)) return `${role.type.name} without "${name}"`
  }
  const allowed = rules.orderFree(role.type)
  if (allowed) {
    // Only "is there a child" matters (each one's type was checked): no walk of a long parent.
    if (role.type.contentMatch.validEnd || fresh.some((item) => stays(item, structs))) return null
    if (!maker && keepsAChild(parent, allowed, structs, rules)) return null
    return `${role.type.name} would not be valid: ${describe(fresh, rules)}`
  }
  const view = senderView(maker ? null : parent, fresh, structs, rules)
  if (contentFits(role.type, view)) return null
  return `${role.type.name} would not be valid: ${describe(fresh, rules)}`
}

/** True when a new child is still there after the update. */
function stays(item: Y.Item, structs: UpdateStructs): boolean {
  return !(item.content instanceof Y.ContentDeleted) && !structs.deletes(item)
}

/** True when a live child of an allowed type (or a forgotten one) may still be there for the sender. */
function keepsAChild(
  parent: YType,
  allowed: ReadonlySet<NodeType>,
  structs: UpdateStructs,
  rules: SchemaRules,
): boolean {
  for (let item = parent._start as Y.Item | null; item; item = item.right) {
    if (structs.deletes(item)) continue
    const type = childTypeOf(item, rules)
    if (type === ANY_TYPE || (type !== null && allowed.has(type))) return true
  }
  return false
}

function describe(fresh: readonly Y.Item[], rules: SchemaRules): string {
  if (fresh.length === 0) return 'after its deletions'
  const names = fresh.map((item) => {
    const { content } = item
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement)
      return rules.elementType(content.type.nodeName)?.name ?? '?'
    return content instanceof Y.ContentType ? 'text' : 'deleted'
  })
  return `with new children ${names.join(', ')}`
}
