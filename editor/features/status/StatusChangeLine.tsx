import { formatDateTime } from '../../../shared/dates.ts'
import type { Person } from '../../lib/types.ts'
import './status.css'

/** "Eva (VNG), 14 juni 2023 om 14:05"; empty before the first change. */
export function statusChangeText(by: Person | null | undefined, at: string | null | undefined) {
  if (!at) return ''
  const who = by ? (by.organisation ? `${by.name} (${by.organisation})` : by.name) : ''
  const when = formatDateTime(at)
  return who ? `${who}, ${when}` : when
}

/** Who last changed a proposal's status and when (H4), on the page and the overview. */
export function StatusChangeLine(props: {
  by: Person | null | undefined
  at: string | null | undefined
}) {
  const text = statusChangeText(props.by, props.at)
  if (!text) return null
  return (
    <span className="status-change" data-testid="status-change">
      Status gewijzigd door {text}
    </span>
  )
}
