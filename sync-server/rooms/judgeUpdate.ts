/**
 * What to do with an update from a socket, before anything is applied: the
 * checks of S4 (complete), A3 (role), H4 (frozen), the size limit, client ids
 * that belong to another person, and S9 (the text stays a document of the schema).
 */
import type * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol.ts'
import type { Status } from '../../shared/roles.ts'
import { canWriteText, hasAtLeast } from '../auth/Principal.ts'
import { checkStructure } from '../structure/checkStructure.ts'
import type { SchemaRules } from '../structure/SchemaRules.ts'
import type { Connection } from '../transport/Connection.ts'
import type { Authorship } from './Authorship.ts'
import { inspectUpdate } from './inspectUpdate.ts'
import { isRedundantFormatting } from './redundantFormatting.ts'

export type Verdict =
  | { kind: 'apply' }
  | { kind: 'nothing' }
  /** Only redundant formatting markers the server still holds: it removes them itself. */
  | { kind: 'cleanup'; markers: Y.Item[] }
  | { kind: 'gap'; detail: string }
  | { kind: 'frozen'; clients: number[] }
  | { kind: 'close'; code: number; reason: string; detail?: string }

export interface UpdateContext {
  doc: Y.Doc
  /** The fragment holding the text (S2). */
  fragment: Y.XmlFragment
  rules: SchemaRules
  status: Status
  authorship: Authorship
  /** Upper bound of the document's encoded size, and its limit. */
  size: number
  maxSize: number
  /** Clients whose updates were refused while the proposal was frozen. */
  refusedWhileFrozen: ReadonlySet<number>
}

export function judgeUpdate(conn: Connection, update: Uint8Array, context: UpdateContext): Verdict {
  const inspection = inspectUpdate(context.doc, update)
  const writer = hasAtLeast(conn.principal, 'writer')
  if (!inspection.ok) {
    if (inspection.reason === 'gap' && writer) return { kind: 'gap', detail: inspection.detail }
    return {
      kind: 'close',
      code: CloseCode.badRequest.code,
      reason: inspection.reason,
      detail: inspection.detail,
    }
  }
  // S7: what the server already holds (a reconnect's sync step 2, a kept copy) is no edit.
  const { novelty } = inspection
  if (novelty.kind === 'nothing') return { kind: 'nothing' }
  if (
    !canWriteText(conn.principal, context.status) &&
    novelty.kind === 'deletions' &&
    isRedundantFormatting(novelty.items)
  ) {
    return { kind: 'cleanup', markers: novelty.items }
  }
  // A3: a reviewer's update is never applied, broadcast or stored; S5: told.
  if (!writer)
    return { kind: 'close', code: CloseCode.forbidden.code, reason: CloseReason.readOnly }
  if (context.size + update.length > context.maxSize) {
    return { kind: 'close', code: CloseCode.tooLarge.code, reason: 'document_too_large' }
  }
  if (!canWriteText(conn.principal, context.status))
    return { kind: 'frozen', clients: inspection.clients }
  // What was refused while frozen may not come in later behind everyone's back
  // (H4, S5): the editor starts afresh; a client that sends it again is stopped.
  if (inspection.clients.some((client) => context.refusedWhileFrozen.has(client))) {
    return { kind: 'close', code: CloseCode.forbidden.code, reason: 'refused_while_frozen' }
  }
  for (const client of inspection.clients) {
    const owner = context.authorship.ownerOf(client)
    if (owner !== undefined && owner !== conn.personId) {
      return { kind: 'close', code: CloseCode.badRequest.code, reason: 'client_id_taken' }
    }
  }
  // S9: only a text that stays a document of the schema (last: the costliest check).
  const structure = checkStructure(context.doc, context.fragment, inspection.decoded, context.rules)
  if (!structure.ok) {
    const { code } = CloseCode.badRequest
    return { kind: 'close', code, reason: CloseReason.invalidDocument, detail: structure.detail }
  }
  return { kind: 'apply' }
}
