/**
 * Decodes an incoming update in full and decides, before it touches the
 * document, whether it may be applied (contract S4). Yjs applies an update's
 * inserts before it reads its delete set, and keeps structs whose dependencies
 * are missing as "pending" forever; both are refused here instead.
 */
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '../../shared/schema.ts'
import type { DecodedUpdate } from '../structure/checkStructure.ts'
import { type Novelty, noveltyOf } from './updateNovelty.ts'

export type UpdateRefusal = 'undecodable' | 'missing_dependencies' | 'gap' | 'foreign_root'

export type UpdateInspection =
  | {
      ok: true
      /** What it would add: nothing, deletions of held items, or new content (S7). */
      novelty: Novelty
      /** Clients whose new structs this update brings (already known ones excluded). */
      clients: number[]
      /** The update decoded, for the structure check (S9). */
      decoded: DecodedUpdate
    }
  | { ok: false; reason: UpdateRefusal; detail: string }

const refuse = (reason: UpdateRefusal, detail: string): UpdateInspection => ({
  ok: false,
  reason,
  detail,
})

/**
 * @param doc the live document the update would be applied to
 * @param update a Yjs update in the V1 encoding (what y-websocket sends)
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateInspection {
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    return refuse('undecodable', (error as Error).message)
  }
  const { structs, ds } = decoded
  // The clock each client reaches once this update is applied.
  const reach = new Map<number, number>()
  const extended = new Set<number>()
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client)
  for (const struct of structs) {
    const { client, clock } = struct.id
    // A gap in a client's own clock is what a reconnecting y-websocket client sends
    // when it types before its sync answer has gone out: the server asks for the
    // missing part (see Room) rather than closing a well-behaved client.
    if (struct instanceof Y.Skip) return refuse('gap', `gap in client ${client}`)
    if (clock > reachOf(client)) {
      return refuse('gap', `client ${client} starts at ${clock}`)
    }
    if (clock + struct.length > Y.getState(doc.store, client)) extended.add(client)
    reach.set(client, Math.max(reachOf(client), clock + struct.length))
  }
  const known = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client)
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    if (!known(struct.origin) || !known(struct.rightOrigin)) {
      return refuse('missing_dependencies', `item ${struct.id.client}:${struct.id.clock}`)
    }
    const parent = struct.parent as unknown
    if (typeof parent === 'string' && parent !== FRAGMENT_NAME) {
      return refuse('foreign_root', `root type "${parent}"`)
    }
    if (parent instanceof Y.ID && !known(parent)) {
      return refuse('missing_dependencies', `parent of ${struct.id.client}:${struct.id.clock}`)
    }
  }
  for (const [client, items] of ds.clients) {
    for (const item of items) {
      if (item.clock + item.len > reachOf(client)) {
        // Deleting text the server has not received yet is the delete-only form of
        // a reconnect race (the client's own unsent text): asked for, like a gap.
        return refuse('gap', `deletion of unknown ${client}:${item.clock}`)
      }
    }
  }
  return {
    ok: true,
    novelty: noveltyOf(doc, extended.size > 0, ds),
    clients: [...extended],
    decoded,
  }
}
