/**
 * Who is asking: the person behind a token, and what A2 lets them do.
 */
import { hasRole, isFrozen, type Role, type Status } from '../../shared/roles.ts'
import type { PersonRecord } from '../persistence/Storage.ts'

export interface Principal {
  person: PersonRecord
}

/** The person as the contract shows one: `{id, name, organisation}`. */
export function publicPerson(person: Pick<PersonRecord, 'id' | 'name' | 'organisation'>) {
  return { id: person.id, name: person.name, organisation: person.organisation }
}

/** True when the principal's proposals include `proposalId` (known or not). */
export function canSee(principal: Principal, proposalId: string): boolean {
  const { proposals } = principal.person
  return proposals === '*' || proposals.includes(proposalId)
}

export function hasAtLeast(principal: Principal, role: Role): boolean {
  return hasRole(principal.person.role, role)
}

/** True when the principal may change the text of a proposal in `status` (A2, H4). */
export function canWriteText(principal: Principal, status: Status): boolean {
  return hasAtLeast(principal, 'writer') && !isFrozen(status)
}
