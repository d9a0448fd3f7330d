import { useEffect, useId } from 'react'
import type { ServerEvents } from '../collab/serverEvents.ts'
import { ActivityList } from './ActivityList.tsx'
import { useActivity } from './useActivity.ts'
import './activity.css'

/** Server events after which the proposal's activity has a new line (E1). */
const CHANGES = ['status', 'title', 'threads', 'version', 'restored', 'round']

/**
 * "Activiteit" on a proposal's page, for editors only (the page loads it only
 * for them): who saved or restored versions, settled reactions and amendments,
 * changed the status or title, or opened a round, and when. It follows the
 * proposal's events, so a change by anyone shows up without reloading.
 */
export default function ActivityPanel(props: { proposalId: string; events: ServerEvents | null }) {
  const { proposalId, events } = props
  const id = useId()
  const activity = useActivity(`api/proposals/${encodeURIComponent(proposalId)}/activity`)
  const { refresh } = activity

  useEffect(() => {
    if (!events) return
    const offs = CHANGES.map((type) => events.on(type, refresh))
    return () => {
      for (const off of offs) off()
    }
  }, [events, refresh])

  return (
    <section className="activity" aria-labelledby={`${id}-titel`} data-testid="activity-panel">
      <h2 id={`${id}-titel`} className="activity__title">
        Activiteit
      </h2>
      <p className="field-hint">Wat er met dit voorstel is gebeurd. Alleen de redactie ziet dit.</p>
      <ActivityList
        state={activity.state}
        empty="Er is nog niets gebeurd met dit voorstel."
        onRetry={() => void activity.reload()}
        testId="activity-list"
      />
    </section>
  )
}
