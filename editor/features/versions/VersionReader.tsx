import { lazy, Suspense, useEffect, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { ApiError } from '../../lib/api.ts'
import { DocRenderer } from './DocRenderer.tsx'
import type { RestoreResult } from './RestoreVersion.tsx'
import { personLabel } from './summary.ts'
import { CURRENT, type VersionTarget, type VersionWithText } from './types.ts'
import { versionsApi } from './versionsApi.ts'

// Only editors restore (V4): the others never load it.
const RestoreVersion = lazy(() => import('./RestoreVersion.tsx'))

/** One version, read-only, exactly as it was saved (V2); editors may restore it (V4). */
export function VersionReader(props: {
  proposalId: string
  versionId: string
  onShow: (target: VersionTarget) => void
  onRestored?: ((result: RestoreResult) => void) | undefined
}) {
  const [version, setVersion] = useState<VersionWithText | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    setVersion(null)
    setError(null)
    versionsApi(props.proposalId)
      .read(props.versionId)
      .then((read) => !cancelled && setVersion(read))
      .catch((failure: unknown) => {
        if (cancelled) return
        setError(failure instanceof ApiError ? failure.message : 'Deze versie is niet geladen.')
      })
    return () => {
      cancelled = true
    }
  }, [props.proposalId, props.versionId])

  if (error)
    return (
      <p className="alert alert--warning" role="alert">
        {error}
      </p>
    )
  if (!version) return <p role="status">De versie wordt geladen…</p>
  return (
    <div className="version-reader" data-testid="version-reader">
      <h2 className="version-view__title" tabIndex={-1} data-autofocus>
        Versie: {version.name}
      </h2>
      <p className="version-view__meta">
        {version.auto ? 'Automatisch opgeslagen' : 'Opgeslagen'} door{' '}
        {personLabel(version.createdBy)} op {formatDateTime(version.createdAt)}. Deze versie kunt u
        alleen lezen.
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => props.onShow({ kind: 'compare', from: version.id, to: CURRENT })}
      >
        Vergelijk met de tekst van nu
      </button>
      {props.onRestored && (
        <Suspense fallback={null}>
          <RestoreVersion
            proposalId={props.proposalId}
            version={version}
            onRestored={props.onRestored}
          />
        </Suspense>
      )}
      <div className="prose version-reader__text" data-testid="version-text">
        <DocRenderer doc={version.doc} />
      </div>
    </div>
  )
}
