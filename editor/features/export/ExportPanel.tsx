import { useId, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { ApiError } from '../../lib/api.ts'
import type { Version } from '../versions/types.ts'
import { downloadExport, type ExportFormat, FORMATS } from './exportApi.ts'
import { ImportForm } from './ImportForm.tsx'
import './print.css'
import './export.css'

/**
 * "Downloaden en afdrukken" (V5): the text of now or any version as Word,
 * Markdown or a web page, and the browser's print dialog for paper or PDF.
 * Editors of an empty proposal can load a Word document here.
 */
export default function ExportPanel(props: {
  proposalId: string
  versions: Version[]
  /** An editor of a text that is not frozen: may load a Word document while the text is empty. */
  mayImport: boolean
  textIsEmpty: boolean
}) {
  const [versionId, setVersionId] = useState('')
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = useId()

  const download = async (format: ExportFormat) => {
    setBusy(format)
    setError(null)
    try {
      await downloadExport(props.proposalId, format, versionId || null)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Downloaden is niet gelukt.')
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="export" aria-labelledby={`${id}-titel`} data-testid="export-panel">
      <h2 id={`${id}-titel`} className="export__title">
        Downloaden en afdrukken
      </h2>
      <div className="field">
        <label htmlFor={`${id}-versie`}>Welke tekst</label>
        <select
          id={`${id}-versie`}
          value={versionId}
          onChange={(e) => setVersionId(e.target.value)}
        >
          <option value="">De tekst van nu</option>
          {props.versions.map((version) => (
            <option key={version.id} value={version.id}>
              {version.name} ({formatDateTime(version.createdAt)})
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        {FORMATS.map((format) => (
          <button
            key={format.id}
            type="button"
            className="button button--secondary"
            disabled={busy !== null}
            onClick={() => void download(format.id)}
          >
            {busy === format.id ? 'Bezig…' : format.label}
          </button>
        ))}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Afdrukken / PDF
        </button>
      </div>
      <p className="field-hint">
        Afdrukken gebruikt wat u nu ziet: de tekst of de versie die open staat. Kies bij de printer
        "Opslaan als PDF" voor een PDF.
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {props.mayImport && (
        <ImportForm proposalId={props.proposalId} available={props.textIsEmpty} />
      )}
    </section>
  )
}
