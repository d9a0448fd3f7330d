import type { Province, Role, Status } from '../../shared/roles.ts'

/** A person as the API shows one (contract conventions). */
export interface Person {
  id: string
  name: string
  organisation: string | null
}

/** `GET /api/me` (A5). */
export interface Me {
  person: Person
  role: Role
  proposals: '*' | string[]
  /** The caret colour the server gives this person, when it says. */
  color?: string
}

/** One row of `GET /api/proposals` (H2). */
export interface ProposalSummary {
  id: string
  title: string
  status: Status
  /** When and by whom the status was last changed (H4); null before any change. */
  statusChangedAt?: string | null
  statusChangedBy?: Person | null
  updatedAt: string
  openThreads: number
  /** Threads with replies or decisions for this person since their last visit. */
  newForYou?: number
}

/** One row of `GET /api/people` (A5); fields beyond `Person` may be missing. */
export interface PersonRecord extends Person {
  role?: Role
  proposals?: '*' | string[]
  province?: Province | null
  revoked?: boolean
  revokedAt?: string | null
  createdAt?: string
  /** Where invitations and notifications go (M1–M4). */
  email?: string | null
}

/** `POST /api/invites` body (A5, R1). */
export interface InviteRequest {
  name: string
  role: Role
  proposals: '*' | string[]
  organisation?: string
  province?: Province
  email?: string
}

/** `POST /api/invites` answer (A5). */
export interface InviteResult {
  person: PersonRecord
  token: string
  url: string
}
