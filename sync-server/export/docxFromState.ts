/**
 * A DOCX export made wholly in a worker thread of the pool: reading the Yjs
 * state as ProseMirror, building the export model and writing the file. The
 * main thread only encodes the state (a copy, so the live document is never
 * touched) — converting a long text costs tens of milliseconds, and two hundred
 * exports at once would otherwise hold up everyone's typing.
 */
import { getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import type { Status } from '../../shared/roles.ts'
import { createSchemaExtensions } from '../../shared/schema.ts'
import { documentContent } from '../documents/content.ts'
import type { OffThreadTask } from '../workers/WorkerPool.ts'
import { renderDocx } from './docx.ts'
import { exportDocument, type PmJson } from './model.ts'
import { markTrackedChanges, type TrackedChange } from './trackedChanges.ts'

export interface DocxExportInput {
  /** The text as `Y.encodeStateAsUpdate` gives it. */
  state: Uint8Array
  proposal: { title: string; status: Status }
  version: { name: string; createdAt: string } | null
  /** Open suggestions to write as tracked changes (W2), at offsets of this state. */
  changes?: TrackedChange[]
}

let schema: Schema | null = null

/** The export of `input.state` as DOCX bytes. */
export function docxFromState(input: DocxExportInput): Promise<Uint8Array> {
  schema ??= getSchema(createSchemaExtensions())
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, input.state)
    const { doc: json } = documentContent(doc.getXmlFragment('default'), schema)
    const text = json as unknown as PmJson
    const marked = input.changes?.length ? markTrackedChanges(text, input.changes) : text
    return renderDocx(exportDocument(input.proposal, marked, input.version))
  } finally {
    doc.destroy()
  }
}

/** docxFromState in a worker thread of the pool. */
export const docxFromStateTask: OffThreadTask<DocxExportInput, Uint8Array> = {
  module: new URL(import.meta.url),
  name: 'docxFromState',
  inProcess: docxFromState,
}
