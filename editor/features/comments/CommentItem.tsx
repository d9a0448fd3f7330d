import { useRef, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { CommentBody } from './CommentBody.tsx'
import { CommentEditForm } from './CommentEditForm.tsx'
import { useCommentsContext } from './CommentsContext.ts'
import { personLabel } from './threadText.ts'
import type { Thread, ThreadComment } from './types.ts'
import { useAction } from './useAction.ts'

type Mode = 'read' | 'edit' | 'hide' | 'delete'

/**
 * One comment: who, when, and the body as text. Its author may change or
 * delete it (C4); a VNG editor may hide it with a reason, or show it again.
 */
export function CommentItem({ thread, comment }: { thread: Thread; comment: ThreadComment }) {
  const { me, canModerate, api } = useCommentsContext()
  const [mode, setMode] = useState<Mode>('read')
  const action = useAction()
  const item = useRef<HTMLLIElement>(null)
  const own = comment.author.id === me.person.id
  const live = !comment.deleted

  // The buttons that had the focus are gone afterwards: the comment itself takes it.
  const back = () => {
    setMode('read')
    requestAnimationFrame(() => item.current?.focus())
  }
  const remove = async () => {
    if (await action.run(() => api.remove(thread.id, comment.id), 'De reactie is verwijderd.'))
      back()
  }
  const show = () =>
    action.run(() => api.hide(thread.id, comment.id, false), 'De reactie is weer zichtbaar.')

  return (
    <li ref={item} className="comment" data-testid="comment" tabIndex={-1}>
      <p className="comment__meta">
        <span className="comment__author">{personLabel(comment.author)}</span>
        <span className="comment__time">
          {formatDateTime(comment.createdAt)}
          {comment.editedAt && live ? ' (bewerkt)' : ''}
        </span>
      </p>
      {mode === 'edit' || mode === 'hide' ? (
        <CommentEditForm thread={thread} comment={comment} mode={mode} onDone={back} />
      ) : (
        <CommentBody comment={comment} isAuthor={own} />
      )}
      {mode === 'delete' && (
        <div className="comment__confirm">
          <p>Weet u zeker dat u deze reactie wilt verwijderen?</p>
          <div className="button-row">
            <button
              type="button"
              className="button button--danger"
              disabled={action.busy}
              onClick={remove}
            >
              Ja, verwijderen
            </button>
            <button type="button" className="button button--secondary" onClick={back}>
              Nee
            </button>
          </div>
        </div>
      )}
      {mode === 'read' && live && (own || canModerate) && (
        <div className="comment__actions">
          {own && (
            <button type="button" className="comment__action" onClick={() => setMode('edit')}>
              Bewerken
            </button>
          )}
          {own && (
            <button type="button" className="comment__action" onClick={() => setMode('delete')}>
              Verwijderen
            </button>
          )}
          {canModerate && !comment.hidden && (
            <button type="button" className="comment__action" onClick={() => setMode('hide')}>
              Verbergen
            </button>
          )}
          {canModerate && comment.hidden && (
            <button type="button" className="comment__action" disabled={action.busy} onClick={show}>
              Weer tonen
            </button>
          )}
        </div>
      )}
      {action.error && (
        <p className="field-error" role="alert">
          {action.error}
        </p>
      )}
    </li>
  )
}
