/**
 * Comparing replicas as Yjs sees them (contract S8): the same text, the same
 * state vector and the same delete set, for every client and for the document
 * as it is stored (read back from storage, not from the server's memory).
 */
import * as Y from 'yjs'
import type { Storage } from '../../sync-server/persistence/Storage.ts'
import { linesOf } from './ydoc.ts'

/** A replica's state in a form `toEqual` compares and prints well. */
export interface YjsState {
  text: string
  stateVector: Record<string, number>
  /** Deleted ranges per client as `clock+length`, adjacent ranges merged. */
  deleteSet: Record<string, string[]>
}

export function yjsState(doc: Y.Doc): YjsState {
  const stateVector: Record<string, number> = {}
  for (const [client, clock] of [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(
    ([a], [b]) => a - b,
  )) {
    stateVector[client] = clock
  }
  const deleteSet: Record<string, string[]> = {}
  const clients = [...Y.createDeleteSetFromStructStore(doc.store).clients].sort(([a], [b]) => a - b)
  for (const [client, ranges] of clients) {
    const merged: Array<[number, number]> = []
    for (const { clock, len } of [...ranges].sort((a, b) => a.clock - b.clock)) {
      const last = merged[merged.length - 1]
      if (last && last[0] + last[1] >= clock) last[1] = Math.max(last[1], clock + len - last[0])
      else merged.push([clock, len])
    }
    deleteSet[client] = merged.map(([clock, len]) => `${clock}+${len}`)
  }
  return { text: linesOf(doc), stateVector, deleteSet }
}

/** The proposal's document as stored: its snapshot and log replayed into a fresh Y.Doc. */
export async function storedDoc(storage: Storage, proposalId: string): Promise<Y.Doc> {
  const stored = await storage.documents.load(proposalId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state)
  for (const record of stored.log) Y.applyUpdate(doc, record.update)
  return doc
}

/** Who each stored log record is credited to, in order. */
export async function storedAuthors(storage: Storage, proposalId: string): Promise<string[]> {
  return (await storage.documents.load(proposalId)).log.map((record) => record.personId)
}
