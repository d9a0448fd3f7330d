import { lazy, Suspense, useEffect, useRef } from 'react'
import type { RestoreResult } from './RestoreVersion.tsx'
import type { VersionTarget } from './types.ts'
import { VersionReader } from './VersionReader.tsx'

// The comparison is loaded only when someone opens one: it must not weigh on the first visit.
const CompareView = lazy(() => import('./CompareView.tsx'))

/**
 * What the text column shows instead of the editor: a version read-only, or a
 * comparison. The editor stays connected underneath; "Terug naar de tekst"
 * brings it back.
 */
export function VersionView(props: {
  proposalId: string
  target: VersionTarget
  onShow: (target: VersionTarget) => void
  onClose: () => void
  /** Given to editors while the text is not frozen: a version read can be restored (V4). */
  onRestored?: ((result: RestoreResult) => void) | undefined
}) {
  const { target } = props
  const ref = useRef<HTMLDivElement>(null)

  // Each new view starts at its title once loaded, for keyboard and screen-reader users.
  useEffect(() => {
    void target
    let frame = 0
    let tries = 0
    const focusTitle = () => {
      const title = ref.current?.querySelector<HTMLElement>('[data-autofocus]')
      if (title) title.focus()
      else if (tries++ < 600) frame = requestAnimationFrame(focusTitle)
    }
    focusTitle()
    return () => cancelAnimationFrame(frame)
  }, [target])

  return (
    <section className="version-view" ref={ref} aria-label="Versie" data-testid="version-view">
      <button type="button" className="button button--secondary" onClick={props.onClose}>
        Terug naar de tekst
      </button>
      {target.kind === 'read' ? (
        <VersionReader
          key={target.versionId}
          proposalId={props.proposalId}
          versionId={target.versionId}
          onShow={props.onShow}
          onRestored={props.onRestored}
        />
      ) : (
        <Suspense fallback={<p role="status">De vergelijking wordt geladen…</p>}>
          <CompareView
            key={`${target.from}/${target.to}`}
            proposalId={props.proposalId}
            from={target.from}
            to={target.to}
          />
        </Suspense>
      )}
    </section>
  )
}
