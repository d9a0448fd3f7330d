import { type FormEvent, useId, useRef, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import type { Version } from './types.ts'
import { versionsApi } from './versionsApi.ts'

const MAX_NAME = 200

/**
 * "Versie opslaan": a button that opens a small form for the name. The form
 * checks what the server checks (1–200 characters) and shows the server's own
 * message when it refuses.
 */
export function SaveVersionForm(props: {
  proposalId: string
  onSaved: (version: Version) => void
}) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()

  const close = () => {
    setOpen(false)
    setName('')
    setError(null)
    // Back to where the person was, so the keyboard does not lose its place.
    requestAnimationFrame(() => opener.current?.focus())
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed.length === 0 || trimmed.length > MAX_NAME) {
      setError(`Geef de versie een naam van 1 tot ${MAX_NAME} tekens.`)
      input.current?.focus()
      return
    }
    setBusy(true)
    try {
      props.onSaved(await versionsApi(props.proposalId).save(trimmed))
      close()
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'De versie is niet opgeslagen.')
    } finally {
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        className="button"
        onClick={() => {
          setOpen(true)
          requestAnimationFrame(() => input.current?.focus())
        }}
      >
        Versie opslaan
      </button>
    )
  }
  return (
    <form className="version-save" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-naam`}>Naam van de versie</label>
        <span id={`${id}-hint`} className="field-hint">
          Bijvoorbeeld: Consultatieversie 1
        </span>
        <input
          ref={input}
          id={`${id}-naam`}
          name="naam"
          value={name}
          maxLength={MAX_NAME + 50}
          aria-describedby={error ? `${id}-hint ${id}-fout` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && close()}
        />
        {error && (
          <p id={`${id}-fout`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Bezig met opslaan…' : 'Opslaan'}
        </button>
        <button type="button" className="button button--secondary" onClick={close}>
          Annuleren
        </button>
      </div>
    </form>
  )
}
