import { useRef, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { activitySentence, type ProposalTitles } from './activitySentence.ts'
import type { ActivityState } from './useActivity.ts'

/** Entries shown at first and added by each "Meer tonen". */
const PAGE = 10

/**
 * Activity entries as sentences with their date and time, newest first, ten at
 * a time. "Meer tonen" moves the focus to the first entry it added, so keyboard
 * and screen-reader users continue where the list grew.
 */
export function ActivityList(props: {
  state: ActivityState
  titles?: ProposalTitles
  empty: string
  onRetry: () => void
  testId: string
}) {
  const { state } = props
  const [shown, setShown] = useState(PAGE)
  const list = useRef<HTMLOListElement>(null)

  if (state.status === 'loading') return <p role="status">Activiteit wordt geladen…</p>
  if (state.status === 'error') {
    return (
      <div className="alert alert--warning">
        <p>{state.message}</p>
        <button type="button" className="button button--secondary" onClick={props.onRetry}>
          Opnieuw proberen
        </button>
      </div>
    )
  }
  if (state.entries.length === 0) return <p className="muted">{props.empty}</p>

  const more = () => {
    const first = shown
    setShown(shown + PAGE * 2)
    requestAnimationFrame(() => {
      list.current?.querySelectorAll<HTMLElement>('li')[first]?.focus()
    })
  }

  return (
    <>
      <ol className="activity-list" ref={list} data-testid={props.testId}>
        {state.entries.slice(0, shown).map((entry) => (
          <li key={entry.id} className="activity-list__item" tabIndex={-1}>
            <span>{activitySentence(entry, props.titles)}</span>
            <span className="activity-list__when">
              {' — '}
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            </span>
          </li>
        ))}
      </ol>
      {state.entries.length > shown && (
        <button type="button" className="button button--secondary" onClick={more}>
          Eerdere activiteit tonen (nog {state.entries.length - shown})
        </button>
      )}
    </>
  )
}
