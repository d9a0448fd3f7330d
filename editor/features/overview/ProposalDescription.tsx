import { type FormEvent, useId, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'

/** Longest description, as the server allows. */
const MAX = 600

/** A proposal's short description on its card; editors change it in place. */
export function ProposalDescription(props: {
  proposalId: string
  title: string
  text: string | undefined
  canEdit: boolean
  onSaved: () => void
}) {
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(props.text ?? '')
  const [error, setError] = useState('')

  const save = async (event: FormEvent) => {
    event.preventDefault()
    try {
      await api(`api/overview/descriptions/${encodeURIComponent(props.proposalId)}`, {
        method: 'PUT',
        body: { description: draft },
      })
      setEditing(false)
      setError('')
      props.onSaved()
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Opslaan is niet gelukt.')
    }
  }

  if (editing) {
    return (
      <form className="stack" onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>Beschrijving van {props.title}</label>
          <textarea
            id={`${id}-text`}
            rows={3}
            maxLength={MAX}
            value={draft}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setDraft(event.target.value)}
          />
          <p id={`${id}-hint`} className="muted">
            Een of twee zinnen: waar gaat dit voorstel over? Hoogstens {MAX} tekens.
          </p>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button--small">
            Beschrijving opslaan
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setDraft(props.text ?? '')
              setEditing(false)
            }}
          >
            Annuleren
          </button>
        </div>
      </form>
    )
  }
  return (
    <>
      {props.text ? (
        <p className="card__description">{props.text}</p>
      ) : (
        props.canEdit && <p className="muted">Nog geen beschrijving.</p>
      )}
      {props.canEdit && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setEditing(true)}
        >
          Beschrijving bewerken<span className="visually-hidden"> van {props.title}</span>
        </button>
      )}
    </>
  )
}
