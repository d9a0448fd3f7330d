/**
 * An update that skips part of its own client's history is refused whole (not
 * applied, not stored), and the client is asked — with our state vector, as in a
 * sync step 1 — for everything it has that we lack; its answer holds the skipped
 * part and the refused update in order. This happens to honest clients after a
 * reconnect race, so it is not closed at once; a socket that keeps sending gaps
 * without ever filling them is (S4).
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol.ts'
import type { Logger } from '../log.ts'
import type { Connection } from '../transport/Connection.ts'
import { syncStep1Message } from './messages.ts'

/** Gapped updates a socket may send without filling the gap before it is closed. */
export const MAX_GAP_REQUESTS = 50

export function askForGap(
  conn: Connection,
  room: { id: string; doc: Y.Doc },
  detail: string,
  log: Logger,
): void {
  conn.gapRequests++
  if (conn.gapRequests > MAX_GAP_REQUESTS) {
    log.warn('update refused', {
      proposal: room.id,
      person: conn.personId,
      reason: 'missing_dependencies',
      detail,
    })
    conn.close(CloseCode.badRequest.code, 'missing_dependencies')
    return
  }
  log.debug('update with a gap; asking for the rest', {
    proposal: room.id,
    person: conn.personId,
    detail,
  })
  conn.send(syncStep1Message(Y.encodeStateVector(room.doc)))
}
