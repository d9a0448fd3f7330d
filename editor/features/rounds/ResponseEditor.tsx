import { type FormEvent, useEffect, useId, useState } from 'react'
import { formatDate } from '../../../shared/dates.ts'
import { ApiError } from '../../lib/api.ts'
import { roundsApi } from './roundsApi.ts'
import type { SummaryBlock } from './types.ts'

/**
 * For VNG editors, beside a passage in the overview: the VNG's response to what
 * the members said ("Reactie VNG"), which opens the passage in the reactienota.
 * Saving an empty text takes it back. Follows a colleague's change of it (the
 * `response` event) unless the editor is typing.
 */
export function ResponseEditor(props: {
  proposalId: string
  roundId: string
  block: SummaryBlock
}) {
  const { block } = props
  const id = useId()
  const saved = block.response?.text ?? ''
  const [text, setText] = useState(saved)
  const [dirty, setDirty] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!dirty) setText(saved)
  }, [saved, dirty])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const answer = await roundsApi(props.proposalId).respond(props.roundId, block.blockId, text)
      setDirty(false)
      setMessage(answer.text ? 'De reactie is opgeslagen.' : 'De reactie is weggehaald.')
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'De reactie is niet opgeslagen.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="response-editor" data-testid="response-editor">
      <summary>
        Reactie VNG{block.response ? '' : ' schrijven'}
        <span className="visually-hidden"> bij passage {block.number}</span>
      </summary>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-reactie`} className="visually-hidden">
          Reactie VNG bij passage {block.number}
        </label>
        <textarea
          id={`${id}-reactie`}
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setDirty(true)
            setMessage('')
          }}
        />
        {block.response && (
          <p className="muted">
            Laatst gewijzigd door {block.response.by.name}, {formatDate(block.response.at)}
          </p>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <p role="status">{message}</p>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? 'Bezig met opslaan…' : 'Reactie opslaan'}
        </button>
      </form>
    </details>
  )
}
