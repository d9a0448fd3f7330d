/**
 * The rows of an invitation list (M1): the header
 * `naam,e-mail,organisatie,provincie,rol,voorstellen` (columns in any order;
 * organisatie and provincie may be left out), and each row checked on its own,
 * every mistake named with its line and column.
 */
import { PROVINCES, type Province, type Role } from '../../../shared/roles.ts'
import { normaliseEmail } from '../email.ts'
import type { CsvRecord } from './parseCsv.ts'

/** A mistake in the file: the line (1 is the header) and the column it is in. */
export interface RowError {
  line: number
  field: string
  message: string
}

export interface ListRow {
  line: number
  name: string
  email: string
  organisation: string | null
  province: Province | null
  role: Role
  proposals: '*' | string[]
}

const COLUMNS = ['naam', 'e-mail', 'organisatie', 'provincie', 'rol', 'voorstellen'] as const
type Column = (typeof COLUMNS)[number]
const REQUIRED: Column[] = ['naam', 'e-mail', 'rol', 'voorstellen']
const ALIASES: Record<string, Column> = {
  email: 'e-mail',
  'e-mailadres': 'e-mail',
  emailadres: 'e-mail',
}

const ROLE_WORDS: Record<string, Role> = {
  lid: 'reviewer',
  werkgroep: 'writer',
  redactie: 'editor',
  reviewer: 'reviewer',
  writer: 'writer',
  editor: 'editor',
}

/** Province names as people type them, to the contract's spelling. */
function provinceOf(value: string): Province | null {
  const wanted = value
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
  if (wanted === 'friesland') return 'Fryslân'
  return (
    PROVINCES.find(
      (p) =>
        p
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '') === wanted,
    ) ?? null
  )
}

/** Where each column is, or the errors of a header that lacks one. */
export function readHeader(header: CsvRecord | undefined) {
  const errors: RowError[] = []
  const index = new Map<Column, number>()
  header?.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase()
    const column = (COLUMNS as readonly string[]).includes(name) ? (name as Column) : ALIASES[name]
    if (column && !index.has(column)) index.set(column, i)
  })
  for (const column of REQUIRED) {
    if (!index.has(column)) {
      errors.push({
        line: 1,
        field: column,
        message: `De kolom "${column}" ontbreekt. De eerste regel moet zijn: ${COLUMNS.join(',')}`,
      })
    }
  }
  return { index, errors }
}

/** Checks one row; `known` are the ids of existing proposals. */
export function readRow(
  record: CsvRecord,
  index: Map<Column, number>,
  isKnownProposal: (id: string) => boolean,
): { row?: ListRow; errors: RowError[]; email: string | null } {
  const errors: RowError[] = []
  const { line } = record
  const cell = (column: Column) => {
    const at = index.get(column)
    return at === undefined ? '' : (record.cells[at] ?? '').trim()
  }
  const fail = (field: Column, message: string) => errors.push({ line, field, message })

  const name = cell('naam')
  if (!name) fail('naam', 'Vul een naam in.')
  else if (name.length > 100) fail('naam', 'Een naam is hoogstens 100 tekens.')
  const email = normaliseEmail(cell('e-mail'))
  if (!cell('e-mail')) fail('e-mail', 'Vul een e-mailadres in.')
  else if (!email) fail('e-mail', `"${cell('e-mail')}" is geen geldig e-mailadres.`)
  const organisation = cell('organisatie') || null
  if (organisation && organisation.length > 120)
    fail('organisatie', 'Een organisatie is hoogstens 120 tekens.')
  const province = cell('provincie') ? provinceOf(cell('provincie')) : null
  if (cell('provincie') && !province)
    fail(
      'provincie',
      `"${cell('provincie')}" is geen provincie. Kies uit: ${PROVINCES.join(', ')}.`,
    )
  const role = ROLE_WORDS[cell('rol').toLowerCase()]
  if (!role) fail('rol', 'Kies als rol: lid, werkgroep of redactie.')
  const proposals = proposalsOf(cell('voorstellen'))
  if (proposals === null)
    fail('voorstellen', 'Noem de voorstellen (ids met spaties ertussen) of *.')
  else if (proposals !== '*') {
    const unknown = proposals.filter((id) => !isKnownProposal(id))
    if (unknown.length > 0) fail('voorstellen', `Onbekend voorstel: ${unknown.join(', ')}.`)
  }
  if (errors.length > 0 || !email || !role || proposals === null) return { errors, email }
  return { row: { line, name, email, organisation, province, role, proposals }, errors, email }
}

function proposalsOf(value: string): '*' | string[] | null {
  if (value === '*') return '*'
  const ids = value
    .split(/[\s,]+/)
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean)
  return ids.length === 0 ? null : [...new Set(ids)]
}
