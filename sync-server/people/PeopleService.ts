/**
 * Invitations and revocations (contract A5, R1). An editor can grant neither a
 * role above its own nor proposals outside its own set; a revoked person's
 * sockets close at once and the token stops working.
 */
import { randomBytes } from 'node:crypto'
import { CloseCode } from '../../shared/protocol.ts'
import { isProvince, isRole, ROLES } from '../../shared/roles.ts'
import { hasAtLeast, type Principal } from '../auth/Principal.ts'
import { hashToken, newToken } from '../auth/tokens.ts'
import { AppError, invalidField } from '../errors.ts'
import type { PersonRecord, Storage } from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { within } from './access.ts'
import { colorFor } from './colors.ts'
import { emailField, requireFreeEmail } from './email.ts'

/** A person as the people endpoints show one: never the token or its hash. */
export function personView(person: PersonRecord) {
  const { id, name, organisation, province, role, proposals, createdAt, revokedAt } = person
  const anonymised = Boolean(person.anonymisedAt)
  const email = person.email ?? null
  return {
    id,
    name,
    organisation,
    province,
    role,
    proposals,
    createdAt,
    revokedAt,
    anonymised,
    email,
  }
}

/** Checks the shape of `proposals`; whether they exist is checked after the 403. */
function proposalsField(value: unknown): '*' | string[] {
  if (value === '*') return '*'
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
    throw invalidField(
      'proposals',
      'Kies de voorstellen: "*" voor alle, of een lijst met voorstel-ids.',
    )
  }
  return [...new Set(value as string[])]
}

const optionalText = (value: unknown, field: string, max: number): string | null => {
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string' || value.trim().length > max) {
    throw invalidField(field, `Vul bij ${field} een tekst van hoogstens ${max} tekens in.`)
  }
  return value.trim()
}

/** The name an anonymised person gets everywhere. */
export const ANONYMOUS_NAME = 'Verwijderde gebruiker'

export class PeopleService {
  readonly #storage: Storage
  readonly #rooms: Rooms

  constructor(storage: Storage, rooms: Rooms) {
    this.#storage = storage
    this.#rooms = rooms
  }

  async invite(
    inviter: Principal,
    input: Record<string, unknown>,
  ): Promise<{ person: PersonRecord; token: string }> {
    const name = optionalText(input.name, 'name', 100)
    if (!name) throw invalidField('name', 'Vul een naam in.')
    if (!isRole(input.role)) throw invalidField('role', `Kies een rol: ${ROLES.join(', ')}.`)
    const proposals = proposalsField(input.proposals)
    const organisation = optionalText(input.organisation, 'organisation', 120)
    if (input.province !== undefined && input.province !== null && !isProvince(input.province)) {
      throw invalidField('province', 'Kies een van de twaalf provincies.')
    }
    const province = isProvince(input.province) ? input.province : null
    const email = emailField(input.email)
    if (!hasAtLeast(inviter, input.role) || !within(inviter.person.proposals, proposals)) {
      throw new AppError(
        'forbidden',
        'U kunt niemand een hogere rol of meer voorstellen geven dan u zelf hebt.',
      )
    }
    // Only after the 403: an editor on a list learns nothing about proposals outside it.
    await this.#requireKnown(proposals)
    const people = await this.#storage.people.list()
    if (email) requireFreeEmail(people, email)
    const token = newToken()
    const count = people.length
    const person: PersonRecord = {
      id: `p-${randomBytes(6).toString('hex')}`,
      name,
      role: input.role,
      proposals,
      organisation,
      province,
      color: colorFor(count),
      tokenHash: hashToken(token),
      isAdmin: false,
      createdAt: new Date().toISOString(),
      createdBy: inviter.person.id,
      revokedAt: null,
      email,
    }
    await this.#storage.people.put(person)
    return { person, token }
  }

  async #requireKnown(proposals: '*' | string[]): Promise<void> {
    if (proposals === '*') return
    const known = new Set((await this.#storage.proposals.list()).map((p) => p.id))
    const unknown = proposals.filter((id) => !known.has(id))
    if (unknown.length > 0)
      throw invalidField('proposals', `Onbekend voorstel: ${unknown.join(', ')}.`)
  }

  /** People the viewer manages: everyone whose proposals lie within the viewer's. */
  async list(viewer: Principal): Promise<PersonRecord[]> {
    const people = await this.#storage.people.list()
    return people
      .filter((person) => within(viewer.person.proposals, person.proposals))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  }

  /** Made in place on the freshest record (D4): nothing written meanwhile is undone. */
  async revoke(actor: Principal, personId: string): Promise<PersonRecord> {
    const person = await this.#change(actor, personId, (current) => {
      if (current.id === actor.person.id) {
        throw new AppError('conflict', 'U kunt uw eigen toegang niet intrekken.')
      }
      return current.revokedAt ? current : { ...current, revokedAt: new Date().toISOString() }
    })
    this.#rooms.closeConnectionsOf(person.id, CloseCode.unauthorized.code, 'revoked')
    return person
  }

  /**
   * Privacy (AVG): the person's name becomes "Verwijderde gebruiker" everywhere
   * it is shown (names are looked up at display time), their text and reactions
   * stay, and their token stops working at once.
   */
  async anonymise(actor: Principal, personId: string): Promise<PersonRecord> {
    const anonymised = await this.#change(actor, personId, (current) => {
      if (current.id === actor.person.id)
        throw new AppError('conflict', 'U kunt uzelf niet anonimiseren.')
      return {
        ...current,
        name: ANONYMOUS_NAME,
        tokenHash: hashToken(newToken()),
        revokedAt: current.revokedAt ?? new Date().toISOString(),
        anonymisedAt: new Date().toISOString(),
      }
    })
    this.#rooms.closeConnectionsOf(personId, CloseCode.unauthorized.code, 'revoked')
    return anonymised
  }

  /** Changes a person the actor manages, in place; 404 when unknown, 403 outside the actor's proposals. */
  async #change(
    actor: Principal,
    personId: string,
    apply: (current: PersonRecord) => PersonRecord,
  ): Promise<PersonRecord> {
    const changed = await this.#storage.people.change(personId, (current) => {
      if (!within(actor.person.proposals, current.proposals)) {
        throw new AppError('forbidden', 'Deze persoon valt buiten uw voorstellen.')
      }
      return apply(current)
    })
    if (!changed) throw new AppError('not_found', 'Deze persoon bestaat niet.')
    return changed
  }
}
