import { hasRole } from '../../../shared/roles.ts'
import type { Me } from '../../lib/types.ts'
import { CompareForm } from './CompareForm.tsx'
import { SaveVersionForm } from './SaveVersionForm.tsx'
import type { VersionTarget } from './types.ts'
import type { VersionsState } from './useVersions.ts'
import { VersionList } from './VersionList.tsx'
import './versions.css'

/**
 * The side panel of versions: save one (writers and editors, A2), the named
 * versions and the automatic ones apart, newest first, and a form to compare
 * any two or one with the text as it is now.
 */
export function VersionsPanel(props: {
  proposalId: string
  me: Me
  versions: VersionsState
  onShow: (target: VersionTarget) => void
  /** A `vastgesteld` proposal: writers are treated as reviewers, only editors save (H4). */
  frozen?: boolean
}) {
  const { versions, loaded, error, reload, add } = props.versions
  const named = versions.filter((v) => !v.auto)
  const automatic = versions.filter((v) => v.auto)
  return (
    <section className="versions" aria-labelledby="versies-titel" data-testid="versions-panel">
      <h2 id="versies-titel" className="versions__title" tabIndex={-1}>
        Versies
      </h2>
      {hasRole(props.me.role, props.frozen ? 'editor' : 'writer') && (
        <SaveVersionForm proposalId={props.proposalId} onSaved={add} />
      )}
      {error && (
        <div className="alert alert--warning" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void reload()}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {!loaded && !error && <p role="status">Versies worden geladen…</p>}
      {loaded && (
        <>
          <h3 className="versions__subtitle">Opgeslagen versies</h3>
          {named.length === 0 ? (
            <p className="versions__empty">Nog geen opgeslagen versies.</p>
          ) : (
            <VersionList versions={named} onShow={props.onShow} testId="named-versions" />
          )}
          {automatic.length > 0 && (
            <details className="versions__auto">
              <summary>Automatisch opgeslagen ({automatic.length})</summary>
              <VersionList versions={automatic} onShow={props.onShow} testId="auto-versions" />
            </details>
          )}
          <CompareForm versions={versions} onShow={props.onShow} />
        </>
      )}
    </section>
  )
}
