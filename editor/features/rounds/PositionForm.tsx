import { type FormEvent, useEffect, useId, useState } from 'react'
import { formatDate } from '../../../shared/dates.ts'
import { needsReason, POSITION_LABELS, POSITIONS, type Position } from '../../../shared/rounds.ts'
import { ApiError } from '../../lib/api.ts'
import { ConfirmDialog } from '../../lib/ConfirmDialog.tsx'
import type { Person } from '../../lib/types.ts'
import { roundsApi } from './roundsApi.ts'
import type { PositionView } from './types.ts'

/** "Mark van Gemeente Zwolle gaf al ‘Akkoord’. Vervangen?" */
function replaceQuestion(current: PositionView, meanwhile: boolean): string {
  const label = POSITION_LABELS[current.position]
  return `${current.person.name} van ${current.organisation} gaf ${meanwhile ? 'intussen' : 'al'} ‘${label}’. Vervangen?`
}

/**
 * The position of the person's organisation on one passage (R4): four choices
 * and a reason, which a condition or an objection needs. It shows the
 * organisation's current position on this passage and who gave it; replacing a
 * colleague's asks first, also when the colleague answered while this form was
 * open (the server refuses a position that replaces another than the one seen).
 * A later position replaces the earlier one; both stay in the history.
 *
 * Mount one per passage (`key`): nothing typed for one passage may end up
 * under another.
 */
export function PositionForm(props: {
  proposalId: string
  roundId: string
  blockId: string
  organisation: string
  me: Person
  /** The organisation's current position on this passage, or null. */
  own: PositionView | null
  onSaved: (saved: PositionView) => void
  /** A colleague's position arrived meanwhile (409): the passage should be read again. */
  onStale?: () => void
}) {
  const { own } = props
  const id = useId()
  const [position, setPosition] = useState<Position | null>(own?.position ?? null)
  const [reason, setReason] = useState(own?.reason ?? '')
  const [dirty, setDirty] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState<{ current: PositionView; meanwhile: boolean } | null>(null)
  const reasonNeeded = position !== null && needsReason(position)

  // Follow what the organisation holds now, unless the person is changing it.
  useEffect(() => {
    if (dirty) return
    setPosition(own?.position ?? null)
    setReason(own?.reason ?? '')
  }, [own, dirty])

  const send = async (replaces: PositionView | null) => {
    setAsking(null)
    setBusy(true)
    setMessage('')
    try {
      const text = reason.trim()
      const body = {
        position: position!,
        ...(text ? { reason: text } : {}),
        replaces: replaces?.id ?? null,
      }
      const saved = await roundsApi(props.proposalId).give(props.roundId, props.blockId, body)
      setError(null)
      setDirty(false)
      setMessage('Het standpunt is opgeslagen.')
      props.onSaved(saved)
    } catch (failure) {
      const current = failure instanceof ApiError ? failure.details.current : undefined
      if (failure instanceof ApiError && failure.code === 'conflict' && current) {
        props.onStale?.()
        setAsking({ current: current as PositionView, meanwhile: true })
      } else {
        setError(
          failure instanceof ApiError ? failure.message : 'Het standpunt is niet opgeslagen.',
        )
      }
    } finally {
      setBusy(false)
    }
  }

  const submit = (event: FormEvent) => {
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
    setError(null)
    if (own && own.person.id !== props.me.id) return setAsking({ current: own, meanwhile: false })
    void send(own)
  }

  const change = () => {
    setDirty(true)
    setMessage('')
  }

  return (
    <form className="position-form" onSubmit={submit} noValidate data-testid="position-form">
      <fieldset className="field">
        <legend>Standpunt van {props.organisation}</legend>
        {own && (
          <p className="muted" data-testid="position-given-by">
            Gegeven door {own.person.name}, {formatDate(own.createdAt)}
          </p>
        )}
        {POSITIONS.map((value) => (
          <label key={value} className="check">
            <input
              type="radio"
              name={`${id}-standpunt`}
              value={value}
              checked={position === value}
              onChange={() => {
                setPosition(value)
                change()
              }}
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
          onChange={(event) => {
            setReason(event.target.value)
            change()
          }}
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
      <ConfirmDialog
        open={asking !== null}
        title={asking ? replaceQuestion(asking.current, asking.meanwhile) : ''}
        confirmLabel="Ja, vervangen"
        testId="replace-position"
        onConfirm={() => asking && void send(asking.current)}
        onCancel={() => setAsking(null)}
      >
        {asking && (
          <>
            <p>
              Uw organisatie heeft één standpunt per passage. Vervangt u het, dan telt uw standpunt;
              dat van {asking.current.person.name} blijft zichtbaar bij de eerdere standpunten.
            </p>
            {asking.current.reason && (
              <p>
                Toelichting van {asking.current.person.name}: {asking.current.reason}
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
    </form>
  )
}
