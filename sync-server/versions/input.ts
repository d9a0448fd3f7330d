/** Checks of what people send when they save a version. */
import { Limits } from '../../shared/protocol.ts'
import { invalidField } from '../errors.ts'

/**
 * A version's name: 1 to 200 characters after trimming (V1).
 * @throws AppError validation_failed (422) naming the field `name`
 */
export function nameField(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : ''
  if (name.length === 0 || name.length > Limits.maxTitleChars) {
    throw invalidField('name', `Geef de versie een naam van 1 tot ${Limits.maxTitleChars} tekens.`)
  }
  return name
}
