/**
 * Checks of what editors and members send for rounds (R2, R4). A wrong field
 * is 422 naming it; a condition or objection without its reason is 422
 * `reason_required`.
 */
import { endOfNetherlandsDay } from '../../shared/dates.ts'
import { Limits } from '../../shared/protocol.ts'
import { isPosition, needsReason, POSITIONS, type Position } from '../../shared/rounds.ts'
import { AppError, invalidField } from '../errors.ts'

/**
 * `closesAt` as an ISO time in UTC, which must lie in the future. A date
 * without a time ("2027-03-31") is the end of that day in the Netherlands (R8),
 * whatever the zone of the computer that sent it.
 */
export function closesAtField(value: unknown, now = Date.now()): string {
  const endOfDay = typeof value === 'string' ? endOfNetherlandsDay(value) : null
  const time = endOfDay
    ? Date.parse(endOfDay)
    : typeof value === 'string' && !isDateOnlyShape(value)
      ? Date.parse(value)
      : Number.NaN
  if (Number.isNaN(time)) {
    throw invalidField(
      'closesAt',
      'Geef de sluitingsdatum als datum (2023-06-14) of als tijdstip (2023-06-14T17:00:00Z).',
    )
  }
  if (time <= now) throw invalidField('closesAt', 'De sluitingsdatum moet in de toekomst liggen.')
  return new Date(time).toISOString()
}

/** "2027-02-30" looks like a date but is none; `Date.parse` would still read some such as UTC midnight. */
const isDateOnlyShape = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

/** An optional title of 1–200 characters; null when none is given. */
export function roundTitleField(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || !value.trim() || value.trim().length > Limits.maxTitleChars) {
    throw invalidField('title', `Geef een titel van 1 tot ${Limits.maxTitleChars} tekens.`)
  }
  return value.trim()
}

/**
 * `{position, reason?, replaces?}` of R4. `replaces` is the id of the
 * organisation's position the sender saw (null: none), so a colleague's
 * position given meanwhile is not replaced unseen; absent, nothing is checked.
 */
export function positionInput(input: Record<string, unknown>): {
  position: Position
  reason: string | null
  replaces: string | null | undefined
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
  const replaces = input.replaces
  if (replaces !== undefined && replaces !== null && typeof replaces !== 'string') {
    throw invalidField('replaces', 'Geef het standpunt dat u vervangt, of null.')
  }
  return { position: input.position, reason, replaces }
}

/** The VNG's response to a passage (`{text}`): plain text, '' removes it. */
export function responseInput(input: Record<string, unknown>): string {
  if (typeof input.text !== 'string') throw invalidField('text', 'Geef de reactie als tekst.')
  const text = input.text.trim()
  if (text.length > Limits.maxCommentChars) {
    throw new AppError('payload_too_large', 'Deze reactie is te lang.', {
      details: { field: 'text' },
    })
  }
  return text
}
