import type { ThreadComment } from './types.ts'

/**
 * A comment's words. Bodies are plain text from other people: they are given
 * to React as text, never as HTML, so markup in them shows as typed and runs
 * nothing. Deleted and hidden comments say so instead (C4).
 */
export function CommentBody({ comment, isAuthor }: { comment: ThreadComment; isAuthor: boolean }) {
  if (comment.deleted) {
    return <p className="comment__body comment__body--gone">Deze reactie is verwijderd.</p>
  }
  if (comment.hidden && comment.body === '') {
    return <p className="comment__body comment__body--gone">Verborgen door de redactie.</p>
  }
  return (
    <>
      <p className="comment__body" data-testid="comment-body">
        {comment.body}
      </p>
      {comment.hidden && (
        <p className="comment__hidden">
          <strong>Verborgen door de redactie</strong>
          {comment.hiddenReason ? `: ${comment.hiddenReason}. ` : '. '}
          {isAuthor
            ? 'Alleen u en de redactie zien deze reactie nog.'
            : 'Anderen zien alleen dat er een verborgen reactie staat.'}
        </p>
      )}
    </>
  )
}
