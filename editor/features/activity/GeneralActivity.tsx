import { useEffect, useId, useMemo } from 'react'
import type { ProposalSummary } from '../../lib/types.ts'
import { ActivityList } from './ActivityList.tsx'
import { useActivity } from './useActivity.ts'
import './activity.css'

/**
 * The activity that concerns no single proposal, on the people page for editors:
 * who invited whom, revoked access, or anonymised someone. `changes` counts the
 * changes made on the page; each one loads the list again, as does "bijwerken".
 */
export default function GeneralActivity(props: { proposals: ProposalSummary[]; changes: number }) {
  const id = useId()
  const activity = useActivity('api/activity')
  const { refresh } = activity
  const titles = useMemo(
    () => new Map(props.proposals.map((proposal) => [proposal.id, proposal.title])),
    [props.proposals],
  )

  useEffect(() => {
    if (props.changes > 0) refresh()
  }, [props.changes, refresh])

  return (
    <section className="activity stack" aria-labelledby={`${id}-titel`}>
      <h2 id={`${id}-titel`}>Activiteit</h2>
      <p className="field-hint">
        Wie er is uitgenodigd, wiens toegang is ingetrokken en wie is geanonimiseerd.
      </p>
      <ActivityList
        state={activity.state}
        titles={titles}
        empty="Er is nog niemand uitgenodigd of verwijderd."
        onRetry={() => void activity.reload()}
        testId="general-activity-list"
      />
      {/* Other editors invite and revoke too; their lines come on asking. */}
      <button type="button" className="button button--secondary" onClick={refresh}>
        Activiteit bijwerken
      </button>
    </section>
  )
}
