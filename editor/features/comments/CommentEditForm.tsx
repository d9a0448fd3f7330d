import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useCommentsContext } from './CommentsContext.ts'
import type { Thread, ThreadComment } from './types.ts'
import { useAction } from './useAction.ts'

/**
 * Changing one's own comment (`edit`), or hiding someone's comment with a
 * reason (`hide`, VNG editors). Escape cancels without closing the thread.
 */
export function CommentEditForm(props: {
  thread: Thread
  comment: ThreadComment
  mode: 'edit' | 'hide'
  onDone: () => void
}) {
  const { thread, comment, mode, onDone } = props
  const { api } = useCommentsContext()
  const action = useAction()
  const id = useId()
  const [value, setValue] = useState(mode === 'edit' ? comment.body : '')
  const field = useRef<HTMLTextAreaElement>(null)
  useEffect(() => field.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const done =
      mode === 'edit'
        ? await action.run(() => api.edit(thread.id, comment.id, value), 'Uw reactie is aangepast.')
        : await action.run(
            () => api.hide(thread.id, comment.id, true, value.trim()),
            'De reactie is verborgen.',
          )
    if (done) onDone()
  }

  return (
    <form
      className="comment-edit"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        onDone()
      }}
    >
      <label htmlFor={id}>
        {mode === 'edit' ? 'Uw reactie' : 'Waarom verbergt u deze reactie?'}
      </label>
      <textarea
        ref={field}
        id={id}
        rows={mode === 'edit' ? 4 : 2}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      {action.error && (
        <p className="field-error" role="alert">
          {action.error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={action.busy}>
          {mode === 'edit' ? 'Opslaan' : 'Verbergen'}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Annuleren
        </button>
      </div>
    </form>
  )
}
