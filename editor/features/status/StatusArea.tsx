import { lazy, Suspense } from 'react'
import type { Status } from '../../../shared/roles.ts'
import type { Person, ProposalSummary } from '../../lib/types.ts'
import { StatusBadge } from '../proposals/StatusBadge.tsx'
import { StatusChangeLine } from './StatusChangeLine.tsx'

// Only editors change the status (A2): the others never load the form.
const StatusControl = lazy(() => import('./StatusControl.tsx'))

/**
 * The status of the proposal on its page (H4): the badge, who changed it when,
 * and for editors the form to change it.
 */
export function StatusArea(props: {
  proposalId: string
  status: Status | null
  change: { by: Person | null; at: string | null }
  isEditor: boolean
  onChanged: (proposal: ProposalSummary) => void
}) {
  if (!props.status) return null
  return (
    <div className="status-area">
      <StatusBadge status={props.status} />
      <StatusChangeLine by={props.change.by} at={props.change.at} />
      {props.isEditor && (
        <Suspense fallback={null}>
          <StatusControl
            proposalId={props.proposalId}
            status={props.status}
            onChanged={props.onChanged}
          />
        </Suspense>
      )}
    </div>
  )
}
