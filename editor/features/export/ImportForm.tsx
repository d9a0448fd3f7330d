import { type FormEvent, useId, useRef, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { importDocx } from './exportApi.ts'

/** The server's limit for a request body (H5). */
const MAX_BYTES = 1024 * 1024

/**
 * "Word-document laden" for editors while the proposal is empty (V5): the
 * document becomes the text, with headings, lists and emphasis, for everyone
 * at once. The server refuses it once the proposal has text.
 */
export function ImportForm(props: { proposalId: string }) {
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const file = input.current?.files?.[0]
    setError(null)
    setDone(null)
    if (!file) return setError('Kies eerst een Word-document (.docx).')
    if (!file.name.toLowerCase().endsWith('.docx'))
      return setError('Alleen een Word-document (.docx) kan worden geladen.')
    if (file.size > MAX_BYTES)
      return setError(
        'Dit bestand is groter dan 1 MB. Haal afbeeldingen eruit en probeer het opnieuw.',
      )
    setBusy(true)
    try {
      await importDocx(props.proposalId, file)
      setDone(`"${file.name}" is geladen. De tekst staat nu in het voorstel.`)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Het document is niet geladen.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="import-form" onSubmit={submit} noValidate data-testid="import-form">
      <div className="field">
        <label htmlFor={`${id}-bestand`}>Tekst uit een Word-document laden</label>
        <span id={`${id}-uitleg`} className="field-hint">
          Alleen in een leeg voorstel. Koppen, lijsten, vet, cursief en links gaan mee.
        </span>
        <input
          ref={input}
          id={`${id}-bestand`}
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby={`${id}-uitleg`}
        />
      </div>
      <button type="submit" className="button button--secondary" disabled={busy}>
        {busy ? 'Bezig met laden…' : 'Word-document laden'}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <p role="status">{done}</p>
    </form>
  )
}
