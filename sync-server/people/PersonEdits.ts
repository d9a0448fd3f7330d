/**
 * Changing a person's role, proposals, name, organisation, province or e-mail
 * on the people page. The rules of invitations hold (A5): an editor changes
 * only people within its proposals, grants neither a role above its own nor
 * proposals outside its own set, and cannot change its own role or proposals.
 * Open sockets of the person close (1001) so they reconnect with the new access.
 */
import { ACCESS_CHANGED, CLOSE_GOING_AWAY } from '../../shared/protocol.ts'
import { hasRole, isProvince, isRole, ROLES } from '../../shared/roles.ts'
import type { Principal } from '../auth/Principal.ts'
import { AppError, invalidField } from '../errors.ts'
import type { PersonChanges, PersonRecord, Storage } from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { within } from './access.ts'
import { emailField, isActive, requireFreeEmail } from './email.ts'

function text(value: unknown, field: string, max: number, required: boolean): string | null {
  if (value === null || value === '') {
    if (required) throw invalidField(field, 'Vul dit veld in.')
    return null
  }
  if (typeof value !== 'string' || !value.trim() || value.trim().length > max)
    throw invalidField(field, `Vul een tekst van hoogstens ${max} tekens in.`)
  return value.trim()
}

function proposalsOf(value: unknown): '*' | string[] {
  if (value === '*') return '*'
  if (!Array.isArray(value) || value.length === 0 || value.some((id) => typeof id !== 'string'))
    throw invalidField(
      'proposals',
      'Kies de voorstellen: "*" voor alle, of een lijst met voorstel-ids.',
    )
  return [...new Set(value as string[])]
}

/** Reads the fields of a change; absent fields stay as they are. */
function changesOf(input: Record<string, unknown>): PersonChanges {
  const changes: PersonChanges = {}
  if (input.name !== undefined) changes.name = text(input.name, 'name', 100, true)!
  if (input.organisation !== undefined)
    changes.organisation = text(input.organisation, 'organisation', 120, false)
  if (input.province !== undefined) {
    if (input.province !== null && !isProvince(input.province))
      throw invalidField('province', 'Kies een van de twaalf provincies.')
    changes.province = input.province
  }
  if (input.role !== undefined) {
    if (!isRole(input.role)) throw invalidField('role', `Kies een rol: ${ROLES.join(', ')}.`)
    changes.role = input.role
  }
  if (input.proposals !== undefined) changes.proposals = proposalsOf(input.proposals)
  if (input.email !== undefined) changes.email = emailField(input.email)
  return changes
}

export async function editPerson(
  storage: Storage,
  rooms: Rooms,
  editor: Principal,
  personId: string,
  input: Record<string, unknown>,
): Promise<PersonRecord> {
  const changes = changesOf(input)
  const accessChanges = changes.role !== undefined || changes.proposals !== undefined
  /** A's rules against the person as stored; run again inside the change, on the freshest record. */
  const allowed = (person: PersonRecord | undefined): PersonRecord => {
    if (!person) throw new AppError('not_found', 'Deze persoon bestaat niet.')
    if (!within(editor.person.proposals, person.proposals))
      throw new AppError('forbidden', 'Deze persoon valt buiten uw voorstellen.')
    if (
      (changes.role && !hasRole(editor.person.role, changes.role)) ||
      (changes.proposals && !within(editor.person.proposals, changes.proposals))
    )
      throw new AppError(
        'forbidden',
        'U kunt niemand een hogere rol of meer voorstellen geven dan u zelf hebt.',
      )
    if (!isActive(person)) throw new AppError('conflict', 'Deze persoon heeft geen toegang meer.')
    if (person.id === editor.person.id && accessChanges)
      throw new AppError('conflict', 'Uw eigen rol en voorstellen kunt u niet wijzigen.')
    return person
  }
  allowed(await storage.people.get(personId))
  if (changes.proposals && changes.proposals !== '*') {
    const known = new Set((await storage.proposals.list()).map((p) => p.id))
    const unknown = changes.proposals.filter((id) => !known.has(id))
    if (unknown.length > 0)
      throw invalidField('proposals', `Onbekend voorstel: ${unknown.join(', ')}.`)
  }
  const people = changes.email ? await storage.people.list() : []
  if (changes.email) requireFreeEmail(people, changes.email, personId)
  // In place (D4): a person revoked or anonymised meanwhile, through any
  // instance, is refused here, never given a name or access back.
  const person = await storage.people.change(personId, (current) => ({
    ...allowed(current),
    ...changes,
  }))
  if (!person) throw new AppError('not_found', 'Deze persoon bestaat niet.')
  // Sockets carry the access they opened with: they reconnect and get the new one.
  if (accessChanges) rooms.closeConnectionsOf(person.id, CLOSE_GOING_AWAY, ACCESS_CHANGED)
  return person
}
