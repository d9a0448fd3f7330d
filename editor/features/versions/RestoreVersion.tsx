import { useRef, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { ApiError, api } from '../../lib/api.ts'
import type { Version } from './types.ts'

/** What `POST …/versions/:vid/restore` answers (V4). */
export interface RestoreResult {
  restoredFrom: Version
  safetyVersion: Version
}

/**
 * "Deze versie terugzetten" for editors (V4). It first says what will happen —
 * the current text is kept as a version, unchanged passages keep their
 * reactions and writers, everyone sees it at once — and acts only when confirmed.
 */
export default function RestoreVersion(props: {
  proposalId: string
  version: Version
  onRestored: (result: RestoreResult) => void
}) {
  const { version } = props
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirm = useRef<HTMLButtonElement>(null)

  const restore = async () => {
    setBusy(true)
    setError(null)
    try {
      const path = `api/proposals/${encodeURIComponent(props.proposalId)}/versions/${encodeURIComponent(version.id)}/restore`
      props.onRestored(await api<RestoreResult>(path, { method: 'POST' }))
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'De versie is niet teruggezet.')
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          setOpen(true)
          requestAnimationFrame(() => confirm.current?.focus())
        }}
      >
        Deze versie terugzetten
      </button>
    )
  }
  return (
    <section
      className="alert alert--warning restore-confirm"
      aria-labelledby="terugzetten-titel"
      data-testid="restore-confirm"
    >
      <h3 id="terugzetten-titel" className="alert__title">
        Versie "{version.name}" terugzetten?
      </h3>
      <ul>
        <li>De tekst wordt weer zoals in deze versie van {formatDateTime(version.createdAt)}.</li>
        <li>
          De tekst van nu wordt eerst bewaard als versie "Voor herstel van {version.name}". Er gaat
          dus niets verloren.
        </li>
        <li>Alinea's die sindsdien niet zijn veranderd, houden hun reacties en schrijvers.</li>
        <li>Iedereen die het voorstel open heeft, ziet de teruggezette tekst meteen.</li>
      </ul>
      <div className="button-row">
        <button
          ref={confirm}
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void restore()}
        >
          {busy ? 'Bezig met terugzetten…' : 'Ja, zet deze versie terug'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => setOpen(false)}
        >
          Annuleren
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  )
}
