/**
 * For the structure tests (contract S9): what storage holds of a proposal's
 * text, byte for byte, and whether a ProseMirror JSON is a valid document.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getSchema } from '@tiptap/core'
import { Node } from '@tiptap/pm/model'
import { expect } from 'vitest'
import * as Y from 'yjs'
import { createSchemaExtensions } from '../../shared/schema.ts'
import { PgStorage } from '../../sync-server/persistence/postgres/PgStorage.ts'
import type { TestServer } from './server.ts'

export const schema = getSchema(createSchemaExtensions())

/**
 * Every byte storage holds of a proposal's text: the files of its folder
 * (embedded storage) or its snapshot and log rows (PostgreSQL).
 */
export async function storedBytes(server: TestServer, proposalId: string): Promise<unknown> {
  const { storage } = server.server.services
  if (storage instanceof PgStorage) {
    const { snapshot, log } = await storage.documents.load(proposalId)
    return { snapshot, log }
  }
  const dir = join(server.dataDir, 'documents', proposalId)
  const names = (await readdir(dir)).sort()
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })))
}

/** The proposal's text as storage holds it, read into a fresh Y.Doc. */
export async function storedDoc(server: TestServer, proposalId: string): Promise<Y.Doc> {
  const { snapshot, log } = await server.server.services.storage.documents.load(proposalId)
  const doc = new Y.Doc()
  if (snapshot) Y.applyUpdate(doc, snapshot.state)
  for (const record of log) Y.applyUpdate(doc, record.update)
  return doc
}

/** Fails unless `json` is a document ProseMirror accepts for the shared schema. */
export function expectValidDocument(json: unknown): void {
  expect(() => Node.fromJSON(schema, json as Record<string, unknown>).check()).not.toThrow()
}
