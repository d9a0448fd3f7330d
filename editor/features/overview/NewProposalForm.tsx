import { type FormEvent, useId, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'

/** "Nieuw voorstel" for editors: a title and, if they like, a short description (H2). */
export function NewProposalForm({ onCreated }: { onCreated: () => void }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [error, setError] = useState('')
  const [message, setMessage] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim()) return setError('Vul een titel in.')
    try {
      const created = await api<{ id: string; title: string }>('api/proposals', {
        method: 'POST',
        body: { title: title.trim() },
      })
      if (description.trim()) {
        await api(`api/overview/descriptions/${encodeURIComponent(created.id)}`, {
          method: 'PUT',
          body: { description: description.trim() },
        })
      }
      setMessage(`Het voorstel "${created.title}" is gemaakt.`)
      setTitle('')
      setDescription('')
      setError('')
      setOpen(false)
      onCreated()
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught.message : 'Het voorstel kon niet worden gemaakt.',
      )
    }
  }

  return (
    <div className="stack">
      <p role="status">{message}</p>
      {!open && (
        <div>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Nieuw voorstel
          </button>
        </div>
      )}
      {open && (
        <form
          className="panel form stack"
          aria-labelledby={`${id}-title`}
          onSubmit={(event) => void submit(event)}
          noValidate
        >
          <h3 id={`${id}-title`}>Nieuw voorstel</h3>
          <div className="field">
            <label htmlFor={`${id}-name`}>Titel</label>
            <input
              id={`${id}-name`}
              value={title}
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-description`}>Korte beschrijving (niet verplicht)</label>
            <textarea
              id={`${id}-description`}
              rows={3}
              maxLength={600}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="button">
              Voorstel maken
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setOpen(false)}
            >
              Annuleren
            </button>
          </div>
        </form>
      )}
    </div>
  )
}
