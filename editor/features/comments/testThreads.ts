/** Threads for the unit tests of the comments feature (not part of the editor's build). */
import type { Thread, ThreadComment } from './types.ts'

const person = (id: string, name = id) => ({ id, name, organisation: null })

/** A comment by `authorId`, written at `createdAt`. */
export function aComment(id: string, authorId: string, createdAt = '2023-06-14T12:00:00Z') {
  const comment: ThreadComment = { id, author: person(authorId), body: `Tekst ${id}`, createdAt }
  return comment
}

/** An open comment thread by `createdBy`, with fields overridden by `extra`. */
export function aThread(id: string, createdBy: string, extra: Partial<Thread> = {}): Thread {
  return {
    id,
    kind: 'comment',
    status: 'open',
    quote: `citaat ${id}`,
    anchored: true,
    anchor: { from: null, to: null },
    blockId: 'p-1',
    versionId: null,
    outdated: false,
    createdBy: person(createdBy),
    createdAt: '2023-06-14T12:00:00Z',
    updatedAt: '2023-06-14T12:00:00Z',
    unread: false,
    comments: [aComment(`${id}-c1`, createdBy)],
    ...extra,
  }
}
