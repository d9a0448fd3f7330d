import { type FormEvent, useId, useState } from 'react'
import { useCommentsContext } from './CommentsContext.ts'
import type { Thread } from './types.ts'
import { useAction } from './useAction.ts'

/** Answering in a thread (C4); open to every role, also on resolved threads. */
export function ReplyForm({ thread }: { thread: Thread }) {
  const { api } = useCommentsContext()
  const action = useAction()
  const id = useId()
  const [body, setBody] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (body.trim() === '') return
    if (await action.run(() => api.reply(thread.id, body), 'Uw antwoord is geplaatst.')) setBody('')
  }

  return (
    <form className="reply-form" onSubmit={submit}>
      <label htmlFor={id}>Antwoorden</label>
      <textarea id={id} rows={2} value={body} onChange={(event) => setBody(event.target.value)} />
      {action.error && (
        <p className="field-error" role="alert">
          {action.error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={action.busy || body.trim() === ''}>
          Antwoord plaatsen
        </button>
      </div>
    </form>
  )
}
