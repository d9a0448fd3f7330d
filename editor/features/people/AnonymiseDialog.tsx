import { useEffect, useRef, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import type { PersonRow } from './personRow.ts'

/**
 * The second step of anonymising (AVG): a modal dialog that says what will
 * happen and acts only on "Ja, anonimiseren". The focus starts on "Annuleren",
 * Escape closes it, and an error from the server is shown in the dialog.
 */
export function AnonymiseDialog(props: {
  person: PersonRow | null
  onConfirm: (person: PersonRow) => Promise<void>
  onClose: () => void
}) {
  const { person, onConfirm, onClose } = props
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (person && !element.open) {
      setError('')
      element.showModal()
      cancel.current?.focus()
    }
    if (!person && element.open) element.close()
  }, [person])

  const confirm = async () => {
    if (!person) return
    setBusy(true)
    setError('')
    try {
      await onConfirm(person)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Anonimiseren is niet gelukt.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={dialog}
      className="dialog stack"
      aria-labelledby="anonimiseren-titel"
      aria-describedby="anonimiseren-uitleg"
      data-testid="anonymise-dialog"
      // Escape: the page's state closes the dialog, so a new "Anonimiseren" right
      // after it always opens it again (the native close event comes later).
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClose={onClose}
    >
      <h2 id="anonimiseren-titel">{person?.name ?? 'Deze persoon'} anonimiseren?</h2>
      <div id="anonimiseren-uitleg" className="stack">
        <p>Doe dit als iemand vraagt om zijn of haar gegevens te verwijderen (AVG).</p>
        <ul>
          <li>
            De naam wordt overal ‘Verwijderde gebruiker’: bij reacties, bij wie wat schreef, in de
            activiteit en in downloads.
          </li>
          <li>De tekst en reacties van deze persoon blijven staan.</li>
          <li>
            De uitnodigingslink werkt niet meer. Is deze persoon nu aangemeld, dan wordt die meteen
            afgemeld.
          </li>
          <li>De organisatie blijft staan, zodat reacties bij de juiste gemeente horen.</li>
          <li>
            <strong>Dit kunt u niet ongedaan maken.</strong>
          </li>
        </ul>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy ? 'Bezig met anonimiseren…' : 'Ja, anonimiseren'}
        </button>
        <button
          ref={cancel}
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={onClose}
        >
          Annuleren
        </button>
      </div>
    </dialog>
  )
}
