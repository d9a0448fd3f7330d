/**
 * Invitation lists (M1) as Excel writes them, for tests: 342 municipalities
 * in twelve provinces, `;` or `,` between fields, with or without a BOM.
 */
import { PROVINCES } from '../../shared/roles.ts'

export interface ListPerson {
  name: string
  email: string
  organisation: string
  province: string
  role: string
  proposals: string
}

export const LIST_HEADER = 'naam,e-mail,organisatie,provincie,rol,voorstellen'

/** `count` members, one per municipality. */
export function municipalities(count: number): ListPerson[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Contactpersoon ${i + 1}`,
    email: `contact${i + 1}@gemeente${i + 1}.nl`,
    organisation: `Gemeente ${i + 1}`,
    province: PROVINCES[i % PROVINCES.length]!,
    role: 'lid',
    proposals: 'voorstel-1 voorstel-2',
  }))
}

const quote = (value: string, separator: string) =>
  value.includes(separator) || value.includes('"') || value.includes('\n')
    ? `"${value.replaceAll('"', '""')}"`
    : value

/** The CSV text of a list; Excel's Dutch "CSV UTF-8" uses `;`, a BOM and CRLF. */
export function csvOf(
  people: ListPerson[],
  options: { separator?: ';' | ','; bom?: boolean; header?: string } = {},
): string {
  const separator = options.separator ?? ';'
  const header = (options.header ?? LIST_HEADER).replaceAll(',', separator)
  const lines = people.map((p) =>
    [p.name, p.email, p.organisation, p.province, p.role, p.proposals]
      .map((value) => quote(value, separator))
      .join(separator),
  )
  return `${options.bom ? '\uFEFF' : ''}${[header, ...lines].join('\r\n')}\r\n`
}
