/**
 * The text of a proposal as ProseMirror JSON and as plain text with one line
 * per textblock (contract H3), read from the Yjs document with the shared schema.
 * Reading never changes the document (S9): see `structure/readDocument`.
 */
import type { Node, Schema } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { readDocument } from '../structure/readDocument.ts'
import { SchemaRules } from '../structure/SchemaRules.ts'

export function fragmentToNode(fragment: Y.XmlFragment, schema: Schema): Node {
  return readDocument(fragment, SchemaRules.for(schema))
}

/** One line per textblock (paragraph or heading, also inside lists and quotes). */
export function plainText(doc: Node): string {
  const lines: string[] = []
  doc.descendants((node) => {
    if (!node.isTextblock) return true
    lines.push(node.textBetween(0, node.content.size, '', ' '))
    return false
  })
  return lines.join('\n')
}

export function documentContent(fragment: Y.XmlFragment, schema: Schema) {
  const node = fragmentToNode(fragment, schema)
  return { doc: node.toJSON() as Record<string, unknown>, text: plainText(node) }
}
