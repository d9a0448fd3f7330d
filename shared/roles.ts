/** Roles from least to most (contract A2). */
export const ROLES = ['reviewer', 'writer', 'editor'] as const
export type Role = (typeof ROLES)[number]

/** Dutch names shown for each role. */
export const ROLE_LABELS: Record<Role, string> = {
  reviewer: 'Lid (lezen en reageren)',
  writer: 'Werkgroep (schrijven)',
  editor: 'VNG-redactie',
}

/** True when `role` is at least `minimum` in the order of A2. */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/**
 * The organisation of the VNG-redactie, and of the administrator: the editors'
 * own, which is no member organisation of a consultation round (R5).
 */
export const EDITORS_ORGANISATION = 'VNG'

/** A proposal's status (contract H4). In `vastgesteld` the text is frozen. */
export const STATUSES = ['concept', 'consultatie', 'definitief', 'vastgesteld'] as const
export type Status = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<Status, string> = {
  concept: 'Concept',
  consultatie: 'Consultatie',
  definitief: 'Definitief',
  vastgesteld: 'Vastgesteld',
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value)
}

/** True when nobody may change the text of a proposal with this status (H4). */
export function isFrozen(status: Status): boolean {
  return status === 'vastgesteld'
}

/** The twelve provinces an organisation may belong to (contract R1). */
export const PROVINCES = [
  'Groningen',
  'Fryslân',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
] as const
export type Province = (typeof PROVINCES)[number]

export function isProvince(value: unknown): value is Province {
  return typeof value === 'string' && (PROVINCES as readonly string[]).includes(value)
}
