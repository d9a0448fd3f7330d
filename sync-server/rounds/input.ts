/**
 * Checks of what editors and members send for rounds (R2, R4). A wrong field
 * is 422 naming it; a condition or objection without its reason is 422
 * `reason_required`.
 */
import { Limits } from '../../shared/protocol.ts'
import { isPosition, needsReason, POSITIONS, type Position } from '../../shared/rounds.ts'
import { AppError, invalidField } from '../errors.ts'

/** `closesAt` as an ISO time in UTC, which must lie in the future. */
export function closesAtField(value: unknown, now = Date.now()): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(time)) {
    throw invalidField(
      'closesAt',
      'Geef de sluitingsdatum als tijdstip, bijvoorbeeld 2023-06-14T17:00:00Z.',
    )
  }
  if (time <= now) throw invalidField('closesAt', 'De sluitingsdatum moet in de toekomst liggen.')
  return new Date(time).toISOString()
}

/** An optional title of 1–200 characters; null when none is given. */
export function roundTitleField(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || !value.trim() || value.trim().length > Limits.maxTitleChars) {
    throw invalidField('title', `Geef een titel van 1 tot ${Limits.maxTitleChars} tekens.`)
  }
  return value.trim()
}

/** `{position, reason?}` of R4. */
export function positionInput(input: Record<string, unknown>): {
  position: Position
  reason: string | null
} {
  if (!isPosition(input.position)) {
    throw invalidField('position', `Kies een standpunt: ${POSITIONS.join(', ')}.`)
  }
  const raw = input.reason
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    throw invalidField('reason', 'Een toelichting moet tekst zijn.')
  }
  const reason = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null
  if (reason !== null && reason.length > Limits.maxCommentChars) {
    throw new AppError('payload_too_large', 'Deze toelichting is te lang.', {
      details: { field: 'reason' },
    })
  }
  if (reason === null && needsReason(input.position)) {
    throw new AppError(
      'reason_required',
      input.position === 'akkoord-mits'
        ? 'Schrijf op onder welke voorwaarde uw organisatie akkoord is.'
        : 'Schrijf op waarom uw organisatie niet akkoord is.',
      { details: { field: 'reason' } },
    )
  }
  return { position: input.position, reason }
}
