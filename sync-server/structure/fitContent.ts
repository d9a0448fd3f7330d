/**
 * Makes a list of nodes valid content for a node type without losing text, for
 * reading documents that hold shapes the schema does not allow (stored before
 * the structure checks, or left by a merge before its repair). Nodes that fit
 * are kept as they are, so a valid document reads exactly as ProseMirror would
 * build it. Otherwise, in this order: missing nodes before it are filled in
 * (an empty paragraph at the start of a list item); it is wrapped (text at the
 * top level in a paragraph, a list item outside a list in a list); its children
 * take its place; a block inside a textblock gives its inline content. Marks a
 * textblock does not allow are dropped, the text kept.
 */
import { Fragment, type Node, type NodeType } from '@tiptap/pm/model'

/** Valid content for `type` made of `nodes`. */
export function fitContent(type: NodeType, nodes: readonly Node[]): Fragment {
  const pending = type.inlineContent ? inlineOnly(type, nodes) : [...nodes]
  const out: Node[] = []
  let match = type.contentMatch
  for (let node = pending.shift(); node; node = pending.shift()) {
    const next = match.matchType(node.type)
    if (next) {
      out.push(node)
      match = next
      continue
    }
    const filler = match.fillBefore(Fragment.from(node))
    const afterFiller = filler && match.matchFragment(filler)?.matchType(node.type)
    if (filler && afterFiller) {
      out.push(...childrenOf(filler), node)
      match = afterFiller
      continue
    }
    const wrapping = match.findWrapping(node.type)
    if (wrapping && wrapping.length > 0) {
      // Inline nodes in a row share one wrapper (one paragraph, not one per piece).
      const run = [node]
      while (node.isInline && pending[0]?.isInline) run.push(pending.shift() as Node)
      const wrapped = wrap(run, wrapping)
      const afterWrapped = wrapped && match.matchType(wrapped.type)
      if (wrapped && afterWrapped) {
        out.push(wrapped)
        match = afterWrapped
        continue
      }
      pending.unshift(...run.slice(1))
    }
    // No place for the node itself: its children take its place.
    if (!node.isInline && node.childCount > 0) pending.unshift(...childrenOf(node))
  }
  const tail = match.validEnd ? null : match.fillBefore(Fragment.empty, true)
  if (tail) out.push(...childrenOf(tail))
  return Fragment.from(out)
}

function childrenOf(parent: Node | Fragment): Node[] {
  const children: Node[] = []
  parent.forEach((child) => {
    children.push(child)
  })
  return children
}

/** `nodes` inside the wrappers (outermost first), or null when they do not fit. */
function wrap(nodes: Node[], wrapping: readonly NodeType[]): Node | null {
  let inner: Node | null = null
  for (let i = wrapping.length - 1; i >= 0; i--) {
    const wrapper = wrapping[i] as NodeType
    inner = inner ? wrapper.createAndFill(null, inner) : wrapper.createAndFill(null, nodes)
    if (!inner) return null
  }
  return inner
}

/** The inline nodes of `nodes` (blocks give theirs), with only the marks `type` allows. */
function inlineOnly(type: NodeType, nodes: readonly Node[]): Node[] {
  const out: Node[] = []
  const keep = (node: Node) => {
    const marks = node.marks.filter((mark) => type.allowsMarkType(mark.type))
    out.push(marks.length === node.marks.length ? node : node.mark(marks))
  }
  for (const node of nodes) {
    if (node.isInline) keep(node)
    else
      node.descendants((child) => {
        if (child.isInline) keep(child)
        return !child.isInline
      })
  }
  return out
}
