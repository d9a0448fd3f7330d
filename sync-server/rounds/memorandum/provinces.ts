/**
 * The member organisations in the memorandum (R5, R7): who responded and who
 * did not, and per province a table of the positions its organisations took
 * on each passage — where regions agree and differ is itself worth seeing.
 */
import { PROVINCES } from '../../../shared/roles.ts'
import type { PositionCounts } from '../../../shared/rounds.ts'
import type { MemberOrganisation } from '../members.ts'
import { NO_PROVINCE, type Tally } from '../Tally.ts'

/** One row of a table of counts: a passage by number, its first words, the four counts. */
export interface MemoRow {
  number: string
  excerpt: string
  counts: PositionCounts
}

export interface MemoMember {
  organisation: string
  province: string | null
}

export interface MemoProvince {
  /** One of the twelve, or "Onbekend" for organisations without one. */
  province: string
  responded: string[]
  notResponded: string[]
  /** "Gereageerd: 1 van 2 lidorganisaties (Gemeente Zwolle). Niet gereageerd: Gemeente Deventer." */
  line: string
  /** The passages on which organisations of this province took a position. */
  rows: MemoRow[]
}

/** The twelve provinces in their order, then any others by name, "Onbekend" last. */
function provinceOrder(a: string, b: string): number {
  const rank = (p: string) => {
    const known = (PROVINCES as readonly string[]).indexOf(p)
    return known >= 0 ? known : p === NO_PROVINCE ? PROVINCES.length + 1 : PROVINCES.length
  }
  return rank(a) - rank(b) || a.localeCompare(b, 'nl')
}

/** Who responded and who did not, each by name with their province. */
export function memberLists(members: readonly MemberOrganisation[]) {
  const strip = ({ organisation, province }: MemberOrganisation): MemoMember => ({
    organisation,
    province,
  })
  return {
    responded: members.filter((m) => m.responded).map(strip),
    notResponded: members.filter((m) => !m.responded).map(strip),
  }
}

/**
 * Per province (those with member organisations or positions), its members
 * and a row per passage on which its organisations took a position.
 * @param passages the passages the memorandum shows, in text order
 */
export function provinceSections(
  members: readonly MemberOrganisation[],
  passages: ReadonlyArray<{ blockId: string; number: string; excerpt: string }>,
  tally: Tally,
): MemoProvince[] {
  const byProvince = new Map<string, MemoProvince>()
  const section = (province: string) => {
    let found = byProvince.get(province)
    if (!found) {
      found = { province, responded: [], notResponded: [], line: '', rows: [] }
      byProvince.set(province, found)
    }
    return found
  }
  for (const member of members) {
    const own = section(member.province ?? NO_PROVINCE)
    ;(member.responded ? own.responded : own.notResponded).push(member.organisation)
  }
  for (const passage of passages) {
    for (const [province, counts] of Object.entries(tally.countsByProvince(passage.blockId))) {
      section(province).rows.push({ number: passage.number, excerpt: passage.excerpt, counts })
    }
  }
  const sections = [...byProvince.values()].sort((a, b) => provinceOrder(a.province, b.province))
  for (const section of sections) section.line = responseLine(section)
  return sections
}

function responseLine({ responded, notResponded }: MemoProvince): string {
  const total = responded.length + notResponded.length
  if (total === 0) return 'Geen lidorganisaties uit deze provincie uitgenodigd.'
  const noun = total === 1 ? 'lidorganisatie' : 'lidorganisaties'
  const who = responded.length > 0 ? ` (${responded.join(', ')})` : ''
  const rest = notResponded.length > 0 ? ` Niet gereageerd: ${notResponded.join(', ')}.` : ''
  return `Gereageerd: ${responded.length} van ${total} ${noun}${who}.${rest}`
}
