import { type ChangeEvent, useId, useRef, useState } from 'react'
import { ApiError } from '../../../lib/api.ts'
import { BulkPreview } from './BulkPreview.tsx'
import { type BulkAnswer, uploadList } from './bulkApi.ts'

const HEADER = 'naam;e-mail;organisatie;provincie;rol;voorstellen'

/**
 * Invite a list at once (M1): choose a CSV file (as Excel saves it), see per
 * row what will happen and every mistake, then apply. Nothing changes before
 * "Uitnodigingen versturen", and a file with a mistake cannot be applied.
 */
export function BulkUpload({ onApplied }: { onApplied: () => void }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<BulkAnswer | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null
    setFile(chosen)
    setPreview(null)
    setMessage('')
    if (!chosen) return
    setBusy(true)
    try {
      setPreview(await uploadList(chosen, true))
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'De lijst kon niet worden gelezen.')
    } finally {
      setBusy(false)
    }
  }

  const apply = async () => {
    if (!file) return
    setBusy(true)
    try {
      const done = await uploadList(file, false)
      setPreview(done)
      if (done.applied) {
        setMessage(
          `${done.created} ${done.created === 1 ? 'persoon is' : 'mensen zijn'} uitgenodigd en ${done.updated} gewijzigd. De uitnodigingen worden nu verstuurd.`,
        )
        setFile(null)
        if (input.current) input.current.value = ''
        onApplied()
      }
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Toepassen is niet gelukt.')
    } finally {
      setBusy(false)
    }
  }

  const ready = preview && !preview.applied && preview.errors.length === 0
  const changes = preview ? preview.created + preview.updated : 0
  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Een lijst uitnodigen</h2>
      <p>
        Sla in Excel een lijst op als CSV, met als eerste regel{' '}
        <code className="bulk-header">{HEADER}</code>. Rol is lid, werkgroep of redactie; bij
        voorstellen staan de voorstel-ids met spaties ertussen, of * voor alle. Wie al op de lijst
        stond, wordt bijgewerkt en krijgt geen nieuwe uitnodiging.
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>CSV-bestand kiezen</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(event) => void choose(event)}
        />
      </div>
      <p role="status" data-testid="bulk-message">
        {busy ? 'Even geduld…' : message}
      </p>
      {preview && <BulkPreview answer={preview} />}
      {ready && changes === 0 && <p>Deze lijst verandert niets: iedereen staat er al zo in.</p>}
      {ready && changes > 0 && (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => void apply()}>
            {preview.created > 0
              ? `${preview.created} uitnodigingen versturen${preview.updated > 0 ? ` en ${preview.updated} wijzigen` : ''}`
              : `${preview.updated} wijzigingen opslaan`}
          </button>
        </div>
      )}
    </section>
  )
}
