/** New thread and comment records, as the store keeps them. */
import { randomBytes } from 'node:crypto'
import type { AnchorRecord, ThreadRecord } from '../persistence/Storage.ts'
import type { LocatedThread } from './locateNewThread.ts'

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
  body: string
  quote: string
  /** Null for a comment, the proposed text for an amendment. */
  replacement: string | null
  anchor: AnchorRecord
  located: LocatedThread
  /** The proposal's latest version when the thread was made (R6). */
  versionId: string | null
}

export function newThread(input: NewThreadInput): ThreadRecord {
  const { located } = input
  const block = located.linear.blockAt(located.from)
  const first = newComment(input.authorId, input.body)
  return {
    id: newId('t'),
    proposalId: input.proposalId,
    kind: input.replacement === null ? 'comment' : 'amendment',
    status: 'open',
    quote: input.quote,
    anchor: input.anchor,
    blockId: block?.blockId ?? null,
    versionId: input.versionId,
    passageText: block ? located.linear.passageText(block) : null,
    replacement: input.replacement,
    decision: null,
    note: null,
    resolvedBy: null,
    resolvedAt: null,
    applied: false,
    createdBy: input.authorId,
    createdAt: first.createdAt,
    updatedAt: first.createdAt,
    comments: [first],
  }
}
