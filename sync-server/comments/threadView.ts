/**
 * A thread as the API shows it (contract C3) to one viewer: people as
 * `{id, name, organisation}`, and hidden comments' bodies only for editors and
 * for their author (who sees them marked hidden).
 */
import type { Principal } from '../auth/Principal.ts'
import type { CommentRecord, PersonRecord, ThreadRecord } from '../persistence/Storage.ts'

export type PeopleById = ReadonlyMap<
  string,
  Pick<PersonRecord, 'id' | 'name' | 'organisation'> & { color?: string }
>

const UNKNOWN = { name: 'Onbekend', organisation: null }

export function personOf(people: PeopleById, id: string | null) {
  if (id === null) return null
  const person = people.get(id) ?? { id, ...UNKNOWN }
  return { id: person.id, name: person.name, organisation: person.organisation }
}

function commentView(comment: CommentRecord, viewer: Principal, people: PeopleById) {
  const isAuthor = comment.authorId === viewer.person.id
  const isEditor = viewer.person.role === 'editor'
  const showBody = !comment.deleted && (!comment.hidden || isAuthor || isEditor)
  return {
    id: comment.id,
    author: personOf(people, comment.authorId),
    body: showBody ? comment.body : '',
    createdAt: comment.createdAt,
    ...(comment.editedAt ? { editedAt: comment.editedAt } : {}),
    ...(comment.deleted ? { deleted: true } : {}),
    ...(comment.hidden
      ? {
          hidden: true,
          ...(isEditor || isAuthor
            ? {
                hiddenBy: personOf(people, comment.hidden.by),
                hiddenAt: comment.hidden.at,
                hiddenReason: comment.hidden.reason,
              }
            : {}),
        }
      : {}),
  }
}

export interface ThreadViewExtras {
  outdated: boolean
  outdatedVersionId: string | null
  /** True when the viewer has replies or a decision on their thread since their last visit. */
  unread: boolean
}

export function threadView(
  thread: ThreadRecord,
  viewer: Principal,
  people: PeopleById,
  extras: ThreadViewExtras,
) {
  return {
    id: thread.id,
    kind: thread.kind,
    status: thread.status,
    quote: thread.quote,
    anchored: thread.anchor.anchored,
    ...(thread.anchor.changed ? { quoteChanged: true } : {}),
    anchor: { from: thread.anchor.from, to: thread.anchor.to },
    blockId: thread.blockId,
    versionId: thread.versionId,
    outdated: extras.outdated,
    ...(extras.outdatedVersionId ? { outdatedVersionId: extras.outdatedVersionId } : {}),
    ...(thread.kind === 'amendment'
      ? { replacement: thread.replacement ?? '', applied: thread.applied }
      : {}),
    ...(thread.decision ? { decision: thread.decision } : {}),
    ...(thread.note ? { note: thread.note } : {}),
    ...(thread.resolvedBy ? { resolvedBy: personOf(people, thread.resolvedBy) } : {}),
    ...(thread.resolvedAt ? { resolvedAt: thread.resolvedAt } : {}),
    createdBy: personOf(people, thread.createdBy),
    // The proposer's caret colour, in which the editor draws a suggestion.
    color: people.get(thread.createdBy)?.color ?? null,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    unread: extras.unread,
    comments: thread.comments.map((comment) => commentView(comment, viewer, people)),
  }
}

export type ThreadView = ReturnType<typeof threadView>
