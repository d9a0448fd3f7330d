import { formatDateTime } from '../../../shared/dates.ts'
import { personLabel } from './summary.ts'
import { CURRENT, type Version, type VersionTarget } from './types.ts'

/** Versions newest first, each with who saved it and when, to read or compare with now. */
export function VersionList(props: {
  versions: Version[]
  onShow: (target: VersionTarget) => void
  testId: string
}) {
  return (
    <ol className="version-list" data-testid={props.testId}>
      {props.versions.map((version) => (
        <li key={version.id} className="version-list__item" data-version-id={version.id}>
          <span className="version-list__name">{version.name}</span>
          <span className="version-list__meta">
            {personLabel(version.createdBy)}, {formatDateTime(version.createdAt)}
          </span>
          <span className="version-list__actions">
            {/* The visible words begin the accessible name, which says which version (WCAG 2.5.3). */}
            <button
              type="button"
              className="link-button"
              aria-label={`Bekijken: ${version.name}`}
              onClick={() => props.onShow({ kind: 'read', versionId: version.id })}
            >
              Bekijken
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Vergelijk met nu: ${version.name}`}
              onClick={() => props.onShow({ kind: 'compare', from: version.id, to: CURRENT })}
            >
              Vergelijk met nu
            </button>
          </span>
        </li>
      ))}
    </ol>
  )
}
