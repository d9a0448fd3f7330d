/**
 * What a checked list would do to the people there are (M1): per row create,
 * change (naming the changed columns), leave as it is, or leave a revoked
 * person revoked — never given access again by a list. An editor may grant
 * neither a role above its own nor proposals outside its own set (A5), nor
 * change people outside its proposals: those are row errors too.
 */
import { hasRole } from '../../../shared/roles.ts'
import type { Principal } from '../../auth/Principal.ts'
import type { PersonChanges, PersonRecord } from '../../persistence/Storage.ts'
import { within } from '../access.ts'
import { isActive } from '../email.ts'
import type { ListRow, RowError } from './readRows.ts'

export type RowAction = 'create' | 'update' | 'unchanged' | 'revoked'

export interface PlannedRow {
  line: number
  name: string
  email: string
  action: RowAction
  /** For `update`: the columns that change. */
  changes: string[]
  personId: string | null
}

export interface ImportPlan {
  rows: PlannedRow[]
  errors: RowError[]
  create: ListRow[]
  change: Array<{ id: string; changes: PersonChanges }>
}

const sameProposals = (a: '*' | string[], b: '*' | string[]) =>
  a === '*' || b === '*' ? a === b : a.length === b.length && a.every((id) => b.includes(id))

/** The changed fields of a person, with the list's column names. */
function differences(person: PersonRecord, row: ListRow) {
  const changes: PersonChanges = {}
  const columns: string[] = []
  const differs: Array<[keyof PersonChanges, string, boolean]> = [
    ['name', 'naam', person.name !== row.name],
    ['organisation', 'organisatie', person.organisation !== row.organisation],
    ['province', 'provincie', person.province !== row.province],
    ['role', 'rol', person.role !== row.role],
    ['proposals', 'voorstellen', !sameProposals(person.proposals, row.proposals)],
  ]
  for (const [field, column, changed] of differs) {
    if (!changed) continue
    Object.assign(changes, { [field]: row[field as keyof ListRow] })
    columns.push(column)
  }
  return { changes, columns }
}

export function planImport(editor: Principal, rows: ListRow[], people: PersonRecord[]): ImportPlan {
  const plan: ImportPlan = { rows: [], errors: [], create: [], change: [] }
  const byEmail = new Map<string, PersonRecord>()
  // An active person wins over a revoked one with the same address.
  for (const person of people) {
    if (!person.email) continue
    const other = byEmail.get(person.email)
    if (!other || (!isActive(other) && isActive(person))) byEmail.set(person.email, person)
  }
  for (const row of rows) {
    const error = (field: string, message: string) =>
      plan.errors.push({ line: row.line, field, message })
    if (!hasRole(editor.person.role, row.role))
      error('rol', 'U kunt niemand een hogere rol geven dan u zelf hebt.')
    if (!within(editor.person.proposals, row.proposals))
      error('voorstellen', 'U kunt alleen voorstellen geven waar u zelf bij kunt.')
    const person = byEmail.get(row.email)
    const planned = { line: row.line, name: row.name, email: row.email, changes: [] as string[] }
    if (!person) {
      plan.rows.push({ ...planned, action: 'create', personId: null })
      plan.create.push(row)
      continue
    }
    if (!isActive(person)) {
      plan.rows.push({ ...planned, action: 'revoked', personId: person.id })
      continue
    }
    const { changes, columns } = differences(person, row)
    if (columns.length === 0) {
      plan.rows.push({ ...planned, action: 'unchanged', personId: person.id })
      continue
    }
    if (!within(editor.person.proposals, person.proposals))
      error('e-mail', 'Deze persoon valt buiten uw voorstellen; u kunt hem of haar niet wijzigen.')
    else if (person.id === editor.person.id && (changes.role || changes.proposals))
      error('rol', 'Uw eigen rol en voorstellen kunt u niet via een lijst wijzigen.')
    plan.rows.push({ ...planned, action: 'update', changes: columns, personId: person.id })
    plan.change.push({ id: person.id, changes })
  }
  return plan
}
