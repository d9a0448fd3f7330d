/**
 * The member organisations of a round (contract R5): the organisations other
 * than the editors' own (the VNG) with at least one person who may see the
 * proposal, and whether each gave a position.
 *
 * An organisation that already answered stays a member of the round when its
 * people are revoked or lose access afterwards: its positions stay in the
 * memorandum under its name, so it stays among those who responded — and
 * among those invited, or the response could read "3 van 2".
 */

import { byOrganisation } from '../../shared/collation.ts'
import { EDITORS_ORGANISATION } from '../../shared/roles.ts'
import { canSee } from '../auth/Principal.ts'
import type { PersonRecord } from '../persistence/Storage.ts'

export interface MemberOrganisation {
  organisation: string
  /** From its latest position, else the province most of its people have. */
  province: string | null
  responded: boolean
}

/** Names compare without case and surrounding spaces: "VNG " is the VNG. */
const same = (name: string) => name.trim().toLocaleLowerCase('nl')

/** The editors' own organisations: the VNG, and that of every active editor. */
export function editorsOrganisations(people: readonly PersonRecord[]): Set<string> {
  const own = new Set([same(EDITORS_ORGANISATION)])
  for (const person of people) {
    if (person.role === 'editor' && !person.revokedAt && person.organisation)
      own.add(same(person.organisation))
  }
  return own
}

/** The province most of an organisation's people have (the first named wins a tie). */
function commonProvince(people: readonly PersonRecord[]): string | null {
  const counts = new Map<string, number>()
  for (const person of people)
    if (person.province) counts.set(person.province, (counts.get(person.province) ?? 0) + 1)
  let best: string | null = null
  for (const [province, count] of counts) if (!best || count > counts.get(best)!) best = province
  return best
}

/**
 * The member organisations of a round on `proposalId`, by name.
 * @param answered organisations that gave a position, with the province it named
 */
export function memberOrganisations(
  people: readonly PersonRecord[],
  proposalId: string,
  answered: ReadonlyMap<string, string | null>,
): MemberOrganisation[] {
  const own = editorsOrganisations(people)
  const invited = new Map<string, PersonRecord[]>()
  for (const person of people) {
    if (person.revokedAt || person.anonymisedAt || !person.organisation) continue
    if (own.has(same(person.organisation)) || !canSee({ person }, proposalId)) continue
    invited.set(person.organisation, [...(invited.get(person.organisation) ?? []), person])
  }
  const members = new Map<string, MemberOrganisation>()
  for (const [organisation, staff] of invited) {
    const responded = answered.has(organisation)
    const province = (responded ? answered.get(organisation) : null) ?? commonProvince(staff)
    members.set(organisation, { organisation, province, responded })
  }
  for (const [organisation, province] of answered) {
    if (members.has(organisation) || own.has(same(organisation))) continue
    members.set(organisation, { organisation, province, responded: true })
  }
  return [...members.values()].sort(byOrganisation)
}

/** `{responded, invited}` of R5. */
export function responseCounts(members: readonly MemberOrganisation[]) {
  return { responded: members.filter((m) => m.responded).length, invited: members.length }
}
