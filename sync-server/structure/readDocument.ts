/**
 * Reads a Yjs fragment as a ProseMirror document without changing it (S9:
 * reading a proposal never changes its document). y-tiptap's own conversion
 * deletes, from the live document, every element or text it cannot turn into
 * a node — a change nobody stores, sends or is credited with. This reader only
 * reads: a valid document gives exactly the node y-tiptap builds; anything else
 * is read into the nearest valid document that keeps all its text
 * (`fitContent`): unknown elements give their children, attributes of the
 * wrong type their default, marks that are unknown or malformed are left off,
 * and values, embeds and other types that are no node are passed over.
 */
import type { Node, NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { fitContent } from './fitContent.ts'
import { isRecord, type SchemaRules } from './SchemaRules.ts'

/** The document in `fragment`, valid for the schema of `rules`. */
export function readDocument(fragment: Y.XmlFragment, rules: SchemaRules): Node {
  const top = rules.topType
  return top.create(null, fitContent(top, readChildren(fragment, rules)))
}

function readChildren(parent: Y.XmlFragment, rules: SchemaRules): Node[] {
  const nodes: Node[] = []
  for (const child of parent.toArray() as unknown[]) {
    if (child instanceof Y.XmlText) nodes.push(...readText(child, rules))
    else if (child instanceof Y.XmlElement) {
      const node = readElement(child, rules)
      if (node === undefined) continue
      if (node) nodes.push(node)
      // An element the schema does not know gives its children.
      else nodes.push(...readChildren(child, rules))
    }
  }
  return nodes
}

/** The element's node; null when the schema has none for it, undefined for an empty container. */
function readElement(element: Y.XmlElement, rules: SchemaRules): Node | null | undefined {
  const type: NodeType | null = rules.elementType(element.nodeName)
  const attrs = type && rules.readAttributes(type, element.getAttributes())
  if (!type || !attrs) return null
  const children = readChildren(element, rules)
  // A container that must hold something and holds nothing is left out, as the repair does.
  if (children.length === 0 && !type.inlineContent && !type.contentMatch.validEnd) return undefined
  return type.create(attrs, fitContent(type, children))
}

function readText(text: Y.XmlText, rules: SchemaRules): Node[] {
  const nodes: Node[] = []
  const deltas = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>
  for (const { insert, attributes = {} } of deltas) {
    if (typeof insert !== 'string' || insert === '') continue
    const marks = []
    for (const [key, value] of Object.entries(attributes)) {
      const type = rules.markOf(key)
      const attrs = type && rules.readAttributes(type, isRecord(value) ? value : {})
      if (type && attrs) marks.push(type.create(attrs))
    }
    nodes.push(rules.schema.text(insert, marks))
  }
  return nodes
}
