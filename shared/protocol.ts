/**
 * The wire between editor and server, defined once. Both sides import these
 * constants; nothing here may import from `editor/` or `sync-server/`.
 */

/**
 * Close codes of the sync socket (contract A4, S4). y-websocket clients stop
 * reconnecting on 4400–4499, so every refusal uses one of these, never a
 * rejected upgrade (which makes clients retry forever).
 */
export const CloseCode = {
  badRequest: { code: 4400, reason: 'bad_request' },
  unauthorized: { code: 4401, reason: 'unauthorized' },
  forbidden: { code: 4403, reason: 'forbidden' },
  notFound: { code: 4404, reason: 'not_found' },
  tooLarge: { code: 4413, reason: 'payload_too_large' },
  tooMany: { code: 4429, reason: 'rate_limited' },
} as const

/**
 * Reasons of a close that say more than its code; the editor shows a message
 * of its own for each.
 */
export const CloseReason = {
  /** 4400: the update would leave a text that is no document of the schema (S9). */
  invalidDocument: 'invalid_document',
  /** 4400: the socket kept sending presence the server could not pass on (A7). */
  badPresence: 'bad_presence',
  /** 4403: an edit from someone who may not write (any more: their role changed while they were offline, A3). */
  readOnly: 'read_only',
} as const

export type CloseCodeName = keyof typeof CloseCode
export type CloseCodeNumber = (typeof CloseCode)[CloseCodeName]['code']

/** Close code the server uses when it shuts down; clients reconnect after it. */
export const CLOSE_GOING_AWAY = 1001

/** The 1001 reason when an editor changed the person's role or proposals: the client reconnects and reads its access again (A5). */
export const ACCESS_CHANGED = 'access_changed'

/**
 * y-websocket message types. 0–3 are the y-protocols ones; 100 carries the
 * server's events (E1) as a lib0 var-string of UTF-8 JSON. Clients never send 100.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  event: 100,
} as const

/** Sync sub-messages of y-protocols' sync protocol. */
export const SyncMessageType = { step1: 0, step2: 1, update: 2 } as const

/** Limits the server enforces and the editor respects. */
export const Limits = {
  /** A sync frame larger than this closes the socket with 4413 (S4). */
  maxFrameBytes: 2 * 1024 * 1024,
  /** HTTP bodies (JSON or .docx) larger than this answer 413 (H5). */
  maxBodyBytes: 1024 * 1024,
  /** Comment bodies longer than this answer 413 (issue: comments). */
  maxCommentChars: 10_000,
  /** One client's awareness state (name, caret) may not exceed this. */
  maxAwarenessBytes: 8 * 1024,
  /** A socket whose presence is malformed this many times in a row is closed (A7). */
  maxMalformedPresence: 20,
  /** A proposal's encoded document may not grow past this. */
  maxDocumentBytes: 10 * 1024 * 1024,
  /** Longest title of a proposal or version, in characters. */
  maxTitleChars: 200,
} as const

/** Ids of proposals, people, threads and versions: lowercase, digits and dashes. */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/

/** True when `id` has the shape of an id (it may still be unknown). */
export function isWellFormedId(id: string): boolean {
  return ID_PATTERN.test(id)
}

/** Path prefix of the sync endpoint: `ws://HOST:PORT/sync/<proposalId>?token=…`. */
export const SYNC_PATH = '/sync'

/**
 * Query parameter with which a socket asks for server events (E1): `events=1`.
 * A stock y-websocket client does not know message type 100 and never gets one.
 */
export const EVENTS_PARAM = 'events'
