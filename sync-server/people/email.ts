/**
 * E-mail addresses of people (M1–M3): kept trimmed and lowercase, so one
 * address is one person however it was typed.
 */
import { AppError, invalidField } from '../errors.ts'
import type { PersonRecord } from '../persistence/Storage.ts'

const SHAPE = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]{2,}$/

/** The address as stored, or null when it is not one. */
export function normaliseEmail(value: string): string | null {
  const email = value.trim().toLowerCase()
  return email.length <= 254 && SHAPE.test(email) ? email : null
}

/** An optional `email` field of a request: null when absent. @throws 422 naming `email` */
export function emailField(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  const email = typeof value === 'string' ? normaliseEmail(value) : null
  if (!email) throw invalidField('email', 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.')
  return email
}

/** True while a person can sign in: neither revoked nor anonymised. */
export const isActive = (person: PersonRecord) => !person.revokedAt && !person.anonymisedAt

/** The active person with this address, if any. */
export function activeWithEmail(people: readonly PersonRecord[], email: string) {
  return people.find((person) => isActive(person) && person.email === email)
}

/** @throws 409 when another active person already has the address */
export function requireFreeEmail(people: readonly PersonRecord[], email: string, self?: string) {
  const holder = activeWithEmail(people, email)
  if (holder && holder.id !== self) {
    throw new AppError('conflict', `Het e-mailadres ${email} hoort al bij ${holder.name}.`, {
      details: { field: 'email' },
    })
  }
}
