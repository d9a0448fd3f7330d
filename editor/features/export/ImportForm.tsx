import { type FormEvent, useId, useRef, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { droppedText } from '../../lib/droppedText.ts'
import { importDocx } from './exportApi.ts'

/** The server's limit for a request body (H5). */
const MAX_BYTES = 1024 * 1024

/** What the last import did: the file's name and what it could not keep, in Dutch. */
interface Loaded {
  fileName: string
  dropped: string | null
}

/**
 * "Word-document laden" for editors while the proposal is empty (V5): the
 * document becomes the text, with headings, lists, tables, footnotes and
 * emphasis, for everyone at once. The server refuses it once the proposal has
 * text. After loading, the form goes (the text is no longer empty) but its
 * message stays, saying what was not kept (W1), until it is closed.
 */
export function ImportForm(props: { proposalId: string; available: boolean }) {
  const [error, setError] = useState<string | null>(null)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const file = input.current?.files?.[0]
    setError(null)
    setLoaded(null)
    if (!file) return setError('Kies eerst een Word-document (.docx).')
    if (!file.name.toLowerCase().endsWith('.docx'))
      return setError('Alleen een Word-document (.docx) kan worden geladen.')
    if (file.size > MAX_BYTES)
      return setError(
        'Dit bestand is groter dan 1 MB. Haal afbeeldingen eruit en probeer het opnieuw.',
      )
    setBusy(true)
    try {
      const { dropped } = await importDocx(props.proposalId, file)
      setLoaded({ fileName: file.name, dropped: droppedText(dropped) })
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Het document is niet geladen.')
    } finally {
      setBusy(false)
    }
  }

  // The text filled up (this import, or someone typing): the form goes, a message stays.
  const showForm = props.available || busy
  if (!showForm && !loaded && !error) return null
  return (
    <div className="import-form" data-testid="import-form">
      {showForm && !loaded && (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-bestand`}>Tekst uit een Word-document laden</label>
            <span id={`${id}-uitleg`} className="field-hint">
              Alleen in een leeg voorstel. Koppen, lijsten, tabellen, voetnoten, vet, cursief,
              onderstreping en links gaan mee.
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
        </form>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div role="status" className={loaded ? 'import-form__done' : undefined}>
        {loaded && (
          <>
            <p>"{loaded.fileName}" is geladen. De tekst staat nu in het voorstel.</p>
            {loaded.dropped && <p data-testid="import-dropped">{loaded.dropped}</p>}
          </>
        )}
      </div>
      {loaded && (
        <button type="button" className="button button--secondary" onClick={() => setLoaded(null)}>
          Melding sluiten
        </button>
      )}
    </div>
  )
}
