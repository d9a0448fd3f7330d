/**
 * The text of a proposal as ProseMirror JSON and as plain text with one line
 * per textblock (contract H3), read from the Yjs document with the shared schema.
 * Reading never changes the document (S9): see `structure/readDocument`.
 */
import type { Node, Schema } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { FOOTNOTE } from '../../shared/footnote.ts'
import { readDocument } from '../structure/readDocument.ts'
import { SchemaRules } from '../structure/SchemaRules.ts'

export function fragmentToNode(fragment: Y.XmlFragment, schema: Schema): Node {
  return readDocument(fragment, SchemaRules.for(schema))
}

/**
 * One line per textblock (paragraph or heading, also inside lists, quotes and
 * table cells). A footnote is `[n]` where its reference stands, and its text a
 * line `[n] …` after the last block, as a plain-text Word export writes them.
 */
export function plainText(doc: Node): string {
  const lines: string[] = []
  const notes: string[] = []
  const inline = (node: Node): string => {
    let line = ''
    node.forEach((child) => {
      if (child.isText) line += child.text
      else if (child.type.name === FOOTNOTE) {
        notes.push(`[${notes.length + 1}] ${inline(child)}`)
        line += `[${notes.length}]`
      } else line += ' '
    })
    return line
  }
  doc.descendants((node) => {
    if (!node.isTextblock) return true
    lines.push(inline(node))
    return false
  })
  return [...lines, ...notes].join('\n')
}

export function documentContent(fragment: Y.XmlFragment, schema: Schema) {
  const node = fragmentToNode(fragment, schema)
  return { doc: node.toJSON() as Record<string, unknown>, text: plainText(node) }
}
