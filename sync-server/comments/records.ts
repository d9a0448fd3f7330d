/** New thread and comment records, as the store keeps them. */
import { randomBytes } from 'node:crypto'
import type { ThreadRecord } from '../persistence/Storage.ts'
import { type PlacedThread, placedFields } from './placeThread.ts'

export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`
export const now = () => new Date().toISOString()

export type CommentRecord = ThreadRecord['comments'][number]

export function newComment(authorId: string, body: string): CommentRecord {
  return {
    id: newId('c'),
    authorId,
    body,
    createdAt: now(),
    editedAt: null,
    deleted: false,
    hidden: null,
  }
}

export interface NewThreadInput {
  proposalId: string
  authorId: string
  /** The opening text; null for a suggestion made in the text (it has no comments yet). */
  body: string | null
  quote: string
  /** Null for a comment, the proposed text for an amendment. */
  replacement: string | null
  placed: PlacedThread
  /** The proposal's latest version when the thread was made (R6). */
  versionId: string | null
}

export function newThread(input: NewThreadInput): ThreadRecord {
  const first = input.body === null ? null : newComment(input.authorId, input.body)
  const createdAt = first?.createdAt ?? now()
  return {
    id: newId('t'),
    proposalId: input.proposalId,
    kind: input.replacement === null ? 'comment' : 'amendment',
    status: 'open',
    quote: input.quote,
    ...placedFields(input.placed),
    versionId: input.versionId,
    replacement: input.replacement,
    decision: null,
    note: null,
    resolvedBy: null,
    resolvedAt: null,
    applied: false,
    createdBy: input.authorId,
    createdAt,
    updatedAt: createdAt,
    comments: first ? [first] : [],
  }
}
