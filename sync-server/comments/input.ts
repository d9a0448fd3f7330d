/**
 * Checks of what people send with threads and comments: a body is required
 * (422) and at most 10,000 characters (413); bodies are stored as plain text
 * and shown as text, never as HTML.
 */
import { Limits } from '../../shared/protocol.ts'
import { AppError, invalidField } from '../errors.ts'
import type { ThreadDecision } from '../persistence/Storage.ts'

export const DECISIONS: readonly ThreadDecision[] = ['verwerkt', 'deels-verwerkt', 'niet-verwerkt']

/** The opening text of an amendment, which may be left out (a suggestion made in the text). */
export function optionalBody(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' && value.trim() === '') return null
  return bodyField(value)
}

export function bodyField(value: unknown, field = 'body'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidField(field, 'Schrijf eerst een reactie.')
  }
  if (value.length > Limits.maxCommentChars) {
    throw new AppError(
      'payload_too_large',
      `Een reactie mag hoogstens ${Limits.maxCommentChars.toLocaleString('nl-NL')} tekens hebben.`,
      {
        details: { field },
      },
    )
  }
  return value.trim()
}

export function optionalNote(value: unknown, field = 'note'): string | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string') throw invalidField(field, 'Een toelichting moet tekst zijn.')
  if (value.length > Limits.maxCommentChars) {
    throw new AppError('payload_too_large', 'Deze toelichting is te lang.', { details: { field } })
  }
  return value.trim() || null
}

export function decisionField(value: unknown): ThreadDecision | null {
  if (value === undefined || value === null) return null
  if (!DECISIONS.includes(value as ThreadDecision)) {
    throw invalidField('decision', `Kies een besluit: ${DECISIONS.join(', ')}.`)
  }
  return value as ThreadDecision
}

/**
 * The quoted text. Empty only for an amendment that inserts text (`insertion`):
 * it has no original, only a place.
 */
export function quoteField(value: unknown, insertion = false): string {
  if (typeof value !== 'string' || (value === '' && !insertion))
    throw invalidField('quote', 'Selecteer de tekst waarop u reageert.')
  if (value.length > Limits.maxCommentChars) {
    throw new AppError('payload_too_large', 'De geselecteerde tekst is te lang.', {
      details: { field: 'quote' },
    })
  }
  return value
}

export function replacementField(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string')
    throw invalidField('replacement', 'Een wijzigingsvoorstel moet tekst zijn.')
  if (value.length > Limits.maxCommentChars) {
    throw new AppError('payload_too_large', 'Dit wijzigingsvoorstel is te lang.', {
      details: { field: 'replacement' },
    })
  }
  return value
}
