import { STATUS_LABELS, type Status } from '../../../shared/roles.ts'

/** A proposal's status in words, with a shape per status besides its colour. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="status-badge">
      {STATUS_LABELS[status] ?? status}
    </span>
  )
}
