import { type FormEvent, useId, useState } from 'react'
import { needsReason, POSITION_LABELS, POSITIONS, type Position } from '../../../shared/rounds.ts'
import { ApiError } from '../../lib/api.ts'
import { roundsApi } from './roundsApi.ts'

/**
 * The position of the person's organisation on one passage (R4): four choices
 * and a reason, which a condition or an objection needs. A later position
 * replaces the earlier one; both stay in the history.
 */
export function PositionForm(props: {
  proposalId: string
  roundId: string
  blockId: string
  organisation: string
  current: { position: Position; reason: string | null } | null
  onSaved: () => void
}) {
  const id = useId()
  const [position, setPosition] = useState<Position | null>(props.current?.position ?? null)
  const [reason, setReason] = useState(props.current?.reason ?? '')
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const reasonNeeded = position !== null && needsReason(position)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setMessage('')
    if (!position) return setError('Kies een standpunt.')
    if (reasonNeeded && reason.trim() === '') {
      return setError(
        position === 'akkoord-mits'
          ? 'Schrijf op onder welke voorwaarde uw organisatie akkoord is.'
          : 'Schrijf op waarom uw organisatie niet akkoord is.',
      )
    }
    setBusy(true)
    try {
      const body = reason.trim() ? { position, reason: reason.trim() } : { position }
      await roundsApi(props.proposalId).give(props.roundId, props.blockId, body)
      setError(null)
      setMessage('Het standpunt is opgeslagen.')
      props.onSaved()
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Het standpunt is niet opgeslagen.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="position-form" onSubmit={submit} noValidate data-testid="position-form">
      <fieldset className="field">
        <legend>Standpunt van {props.organisation}</legend>
        {POSITIONS.map((value) => (
          <label key={value} className="check">
            <input
              type="radio"
              name={`${id}-standpunt`}
              value={value}
              checked={position === value}
              onChange={() => setPosition(value)}
            />
            {POSITION_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reden`}>Toelichting{reasonNeeded ? '' : ' (niet verplicht)'}</label>
        <textarea
          id={`${id}-reden`}
          rows={3}
          value={reason}
          aria-invalid={error && reasonNeeded ? true : undefined}
          aria-describedby={error ? `${id}-fout` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {error && (
        <p id={`${id}-fout`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="position-form__saved">
        {message}
      </p>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Bezig met opslaan…' : 'Standpunt opslaan'}
      </button>
    </form>
  )
}
