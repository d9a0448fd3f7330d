import { PROVINCES } from '../../../shared/roles.ts'
import type { PersonRecord } from '../../lib/types.ts'

/** People of one province, or of none ("Zonder provincie", last). */
export interface ProvinceGroup {
  label: string
  people: PersonRecord[]
}

/**
 * Groups people by province (R1), in the contract's order of the twelve, each
 * group by organisation and then name, so an editor sees at a glance which
 * municipalities of a region take part.
 */
export function groupByProvince(people: readonly PersonRecord[]): ProvinceGroup[] {
  const byOrganisation = (a: PersonRecord, b: PersonRecord) =>
    (a.organisation ?? '').localeCompare(b.organisation ?? '', 'nl', { numeric: true }) ||
    a.name.localeCompare(b.name, 'nl', { numeric: true })
  const groups = PROVINCES.map((province) => ({
    label: province as string,
    people: people.filter((person) => person.province === province).sort(byOrganisation),
  }))
  groups.push({
    label: 'Zonder provincie',
    people: people.filter((person) => !person.province).sort(byOrganisation),
  })
  return groups.filter((group) => group.people.length > 0)
}
