/**
 * Turns a token into a principal (contract A1). `ADMIN_TOKEN`, when set, is an
 * editor on every proposal without being stored; other tokens are looked up by
 * their hash — the invitation's on the person, later links sent by mail in
 * their own store — and revoked people are unknown.
 */
import { EDITORS_ORGANISATION } from '../../shared/roles.ts'
import type { PersonRecord, Storage } from '../persistence/Storage.ts'
import type { Principal } from './Principal.ts'
import { hashToken, sameToken } from './tokens.ts'

/** The person behind `ADMIN_TOKEN`. */
export const ENV_ADMIN: PersonRecord = {
  id: 'beheerder',
  name: 'Beheerder',
  role: 'editor',
  proposals: '*',
  organisation: EDITORS_ORGANISATION,
  province: null,
  color: '#1f5f8b',
  tokenHash: '',
  isAdmin: true,
  createdAt: new Date(0).toISOString(),
  createdBy: null,
  revokedAt: null,
}

export class Authenticator {
  readonly #storage: Storage
  readonly #adminToken: string | undefined

  constructor(storage: Storage, adminToken: string | undefined) {
    this.#storage = storage
    this.#adminToken = adminToken || undefined
  }

  /** @returns the principal, or null for a missing, unknown or revoked token */
  async authenticate(token: string | null | undefined): Promise<Principal | null> {
    if (!token) return null
    if (this.#adminToken && sameToken(token, this.#adminToken)) return { person: ENV_ADMIN }
    const hash = hashToken(token)
    let person = await this.#storage.people.getByTokenHash(hash)
    // Links sent by mail later (M3) are kept apart; the invitation's stays valid too.
    if (!person) {
      const personId = await this.#storage.signInTokens.personOf(hash)
      person = personId ? await this.#storage.people.get(personId) : undefined
    }
    if (!person || person.revokedAt) return null
    return { person }
  }
}
