import { formatDateTime } from '../../../shared/dates.ts'
import { ChangeList } from './ChangeList.tsx'
import { CompareText } from './CompareText.tsx'
import { blockSummary, changeSummary, personLabel } from './summary.ts'
import type { Comparison } from './types.ts'
import { useChangeNavigation } from './useChangeNavigation.ts'
import { useComparison } from './useComparison.ts'

function sideLabel(side: Comparison['to']): string {
  if (!('name' in side)) return 'de tekst zoals die nu is'
  return `“${side.name}” (${personLabel(side.createdBy)}, ${formatDateTime(side.createdAt)})`
}

/**
 * A comparison of two versions, or of a version and the text now (V3): a
 * summary, the newer text with insertions and deletions in place, the list of
 * changes beside it, and stepping from change to change with the keyboard.
 * Loaded on demand (React.lazy), so it adds nothing to the first visit.
 */
export default function CompareView(props: { proposalId: string; from: string; to: string }) {
  const state = useComparison(props.proposalId, props.from, props.to)
  if (state.status === 'loading') return <p role="status">De vergelijking wordt gemaakt…</p>
  if (state.status === 'error')
    return (
      <p className="alert alert--warning" role="alert">
        {state.message}
      </p>
    )
  return <Compared comparison={state.comparison} />
}

function Compared({ comparison }: { comparison: Comparison }) {
  const { changes } = comparison
  const nav = useChangeNavigation(changes)
  const blocks = blockSummary(comparison.blocks)
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys j/k step through changes anywhere in the comparison
    <div className="compare" data-testid="compare-view" onKeyDown={nav.onKeyDown}>
      <h2 className="version-view__title" tabIndex={-1} data-autofocus>
        Vergelijking
      </h2>
      <p className="version-view__meta">
        Van {sideLabel(comparison.from)} naar {sideLabel(comparison.to)}.
      </p>
      <p className="compare__summary" data-testid="compare-summary">
        {changeSummary(changes)}.{blocks && ` Verder: ${blocks}.`}
      </p>
      <p className="compare__legend">
        <ins className="change change--insert">Onderstreept</ins> is ingevoegd,{' '}
        <del className="change change--delete">doorgestreept</del> is verwijderd. Wijs een wijziging
        aan om te zien wie die maakte.
      </p>
      {changes.length > 0 && (
        <div className="compare__nav">
          <button
            type="button"
            className="button button--secondary"
            aria-keyshortcuts="Alt+ArrowUp k"
            onClick={() => nav.go(nav.current < 0 ? 0 : nav.current - 1)}
          >
            Vorige wijziging
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-keyshortcuts="Alt+ArrowDown j"
            onClick={() => nav.go(nav.current + 1)}
          >
            Volgende wijziging
          </button>
          <span className="compare__position">
            {nav.current < 0
              ? `${changes.length === 1 ? '1 wijziging' : `${changes.length} wijzigingen`}; toets j of k om erdoorheen te gaan`
              : `Wijziging ${nav.current + 1} van ${changes.length}`}
          </span>
        </div>
      )}
      <div role="status" className="visually-hidden" data-testid="compare-announcer">
        {nav.message}
      </div>
      <div className="compare__layout">
        <CompareText view={comparison.view} changes={changes} current={nav.current} />
        <section className="compare__changes" aria-labelledby="wijzigingen-titel">
          <h3 id="wijzigingen-titel">Wijzigingen</h3>
          <ChangeList changes={changes} current={nav.current} onGo={nav.go} />
        </section>
      </div>
    </div>
  )
}
