/**
 * Makes a Yjs fragment equal to a ProseMirror document as a minimal change
 * (contract V4, V5): blocks are matched by their passage ids (B1), so a block
 * that did not change keeps its Yjs items — and with them its authors and the
 * anchors of threads in it — and a block that did change is updated in place
 * with y-tiptap's own `updateYFragment`, which deletes and inserts only the
 * characters that differ. Unmatched blocks are deleted or inserted whole.
 *
 * y-tiptap's `updateYFragment` alone aligns blocks by equal content from both
 * ends and then pairs the rest in order, so one inserted block in the middle
 * would take over its neighbour's text and id; matching by id first avoids that.
 */
import type { Node } from '@tiptap/pm/model'
import { updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE } from '../../shared/schema.ts'

/** What y-tiptap keeps while it updates: Y type ↔ ProseMirror node, and which marks overlap. */
type BindingMeta = Parameters<typeof updateYFragment>[3]

type Parent = Y.XmlFragment | Y.XmlElement

/**
 * Changes `fragment` so that it reads as `node` (a `doc` of the shared schema).
 * Call it inside one transaction (the room's `writeAsServer`), so the whole
 * change is one update credited to one person.
 */
export function applyDocument(doc: Y.Doc, fragment: Y.XmlFragment, node: Node): void {
  reconcile(doc, fragment, node, { mapping: new Map(), isOMark: new Map() })
}

function reconcile(doc: Y.Doc, parent: Parent, node: Node, meta: BindingMeta): void {
  if (node.isTextblock) {
    // Attributes and text of one block: y-tiptap's character diff is minimal here.
    updateYFragment(doc, parent, node, meta)
    return
  }
  if (parent instanceof Y.XmlElement) syncAttributes(parent, node)
  const ys = parent.toArray()
  const ps: Node[] = []
  node.forEach((child) => {
    ps.push(child)
  })
  const yKeys = ys.map((y) => (y instanceof Y.XmlElement ? keysOfY(y) : null))
  const pKeys = ps.map(keysOfP)
  const matches = (yi: number, pi: number) => {
    const y = ys[yi]
    const p = ps[pi]!
    const keys = yKeys[yi]
    if (!(y instanceof Y.XmlElement) || !keys || y.nodeName !== p.type.name) return false
    const wanted = pKeys[pi]!
    // Blocks without ids (never stored, but be safe) match only their equal twin.
    if (keys.size === 0 && wanted.size === 0) return textOfY(y) === p.textContent
    for (const key of wanted) if (keys.has(key)) return true
    return false
  }
  let at = 0
  for (const step of align(ys.length, ps.length, matches)) {
    if (step.kind === 'delete') {
      parent.delete(at, 1)
    } else if (step.kind === 'insert') {
      const p = ps[step.p]!
      const element = new Y.XmlElement(p.type.name)
      parent.insert(at, [element])
      updateYFragment(doc, element, p, meta)
      at++
    } else {
      reconcile(doc, ys[step.y] as Y.XmlElement, ps[step.p]!, meta)
      at++
    }
  }
}

type Step =
  | { kind: 'keep'; y: number; p: number }
  | { kind: 'delete' }
  | { kind: 'insert'; p: number }

/**
 * The longest common subsequence of matching children, as steps in document
 * order. Equal ends are taken first, so a long text with one change costs
 * little more than that change.
 */
export function align(
  yCount: number,
  pCount: number,
  matches: (y: number, p: number) => boolean,
): Step[] {
  let start = 0
  while (start < yCount && start < pCount && matches(start, start)) start++
  let end = 0
  while (
    end < yCount - start &&
    end < pCount - start &&
    matches(yCount - 1 - end, pCount - 1 - end)
  )
    end++
  const n = yCount - start - end
  const m = pCount - start - end
  // lengths[i][j]: the longest common subsequence of y[start+i…] and p[start+j…].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = matches(start + i, start + j)
        ? lengths[i + 1]![j + 1]! + 1
        : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!)
    }
  }
  const steps: Step[] = []
  for (let k = 0; k < start; k++) steps.push({ kind: 'keep', y: k, p: k })
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && matches(start + i, start + j)) {
      steps.push({ kind: 'keep', y: start + i, p: start + j })
      i++
      j++
    } else if (j < m && (i === n || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      steps.push({ kind: 'insert', p: start + j })
      j++
    } else {
      steps.push({ kind: 'delete' })
      i++
    }
  }
  for (let k = end; k > 0; k--) steps.push({ kind: 'keep', y: yCount - k, p: pCount - k })
  return steps
}

/** As `updateYFragment` does for a block: set what differs, remove what is gone. */
function syncAttributes(element: Y.XmlElement, node: Node): void {
  const current = element.getAttributes() as Record<string, unknown>
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value === null || value === undefined) {
      if (key in current) element.removeAttribute(key)
    } else if (!sameValue(current[key], value)) {
      element.setAttribute(key, value as string)
    }
  }
  for (const key of Object.keys(current)) {
    if (!(key in node.attrs)) element.removeAttribute(key)
  }
}

/** Attribute values compared by content: a cell's column widths are an array. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b))
}

/** The passage ids in a Y element and everything under it. */
function keysOfY(element: Y.XmlElement, into = new Set<string>()): Set<string> {
  const id = element.getAttribute(BLOCK_ID_ATTRIBUTE) as unknown
  if (typeof id === 'string') into.add(id)
  for (const child of element.toArray()) if (child instanceof Y.XmlElement) keysOfY(child, into)
  return into
}

/** The passage ids in a ProseMirror node and everything under it. */
function keysOfP(node: Node): Set<string> {
  const keys = new Set<string>()
  const add = (n: Node) => {
    const id = n.attrs[BLOCK_ID_ATTRIBUTE] as unknown
    if (typeof id === 'string') keys.add(id)
  }
  add(node)
  node.descendants((child) => {
    add(child)
    return !child.isTextblock
  })
  return keys
}

function textOfY(element: Y.XmlElement): string {
  let text = ''
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert?: unknown }>)
        if (typeof op.insert === 'string') text += op.insert
    } else if (child instanceof Y.XmlElement) text += textOfY(child)
  }
  return text
}
