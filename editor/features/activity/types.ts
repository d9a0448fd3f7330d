import type { Person } from '../../lib/types.ts'

/**
 * One line of `GET /api/proposals/:id/activity` or `GET /api/activity` (docs/API.md,
 * "Operating it"), newest first. `details` differ per `type`; `subject` is the
 * person an entry is about (invited, revoked, anonymised), named as they are now.
 */
export interface ActivityEntry {
  id: string
  type: string
  person: Person | null
  at: string
  details: Record<string, unknown>
  subject?: Person | null
}
