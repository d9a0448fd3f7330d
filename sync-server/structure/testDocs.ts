/**
 * For the structure tests: a server-side document and the clients that edit
 * it, as the editor does (y-tiptap's `updateYFragment` from a ProseMirror
 * document) or by hand (raw Yjs, for shapes no editor makes).
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import { Node } from '@tiptap/pm/model'
import { prosemirrorJSONToYXmlFragment, updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../shared/schema.ts'
import { checkStructure, type StructureVerdict } from './checkStructure.ts'
import { SchemaRules } from './SchemaRules.ts'

export const schema = getSchema(createSchemaExtensions())
export const rules = SchemaRules.for(schema)

/** Shorthands for ProseMirror JSON. */
export const p = (text = '', attrs?: Record<string, unknown>): JSONContent => ({
  type: 'paragraph',
  ...(attrs && { attrs }),
  ...(text && { content: [{ type: 'text', text }] }),
})
export const h = (level: number, text: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
})
export const li = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content })
export const ul = (...content: JSONContent[]): JSONContent => ({ type: 'bulletList', content })
export const quote = (...content: JSONContent[]): JSONContent => ({ type: 'blockquote', content })
export const docOf = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })

/** A Y.Doc holding `json` in the fragment `default`. */
export function yDocOf(json: JSONContent): Y.Doc {
  const doc = new Y.Doc()
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(FRAGMENT_NAME))
  return doc
}

/** A copy of `doc` with its own client id: another replica. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

export const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(FRAGMENT_NAME)

/** The update `change` makes on a replica of `base` (the replica is returned too). */
export function updateOf(base: Y.Doc, change: (fragment: Y.XmlFragment, doc: Y.Doc) => void) {
  const replica = replicaOf(base)
  const before = Y.encodeStateVector(replica)
  replica.transact(() => change(fragmentOf(replica), replica))
  return { update: Y.encodeStateAsUpdate(replica, before), replica }
}

/** The update the editor makes to turn `base`'s text into `json`. */
export function editorUpdate(base: Y.Doc, json: JSONContent): Uint8Array {
  return updateOf(base, (fragment, doc) =>
    updateYFragment(doc, fragment, Node.fromJSON(schema, json), {
      mapping: new Map(),
      isOMark: new Map(),
    }),
  ).update
}

/** The structure check of `update` against the live `doc`. */
export function verdictOf(doc: Y.Doc, update: Uint8Array): StructureVerdict {
  return checkStructure(doc, fragmentOf(doc), Y.decodeUpdate(update), rules)
}
