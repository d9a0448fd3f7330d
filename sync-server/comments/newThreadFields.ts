/**
 * What a new thread or a revised amendment says (C2): the opening text, the
 * quoted original and the proposed replacement, checked together. A
 * suggestion made in the text has no opening text, and one that inserts has
 * an empty quote (its anchor is a point).
 */
import { type AppError, invalidField } from '../errors.ts'
import type { ThreadRecord } from '../persistence/Storage.ts'
import { bodyField, optionalBody, quoteField, replacementField } from './input.ts'

export interface ThreadFields {
  /** Null for an amendment without an opening text. */
  body: string | null
  quote: string
  replacement: string | null
}

function unchanged(): AppError {
  return invalidField('replacement', 'De nieuwe tekst is gelijk aan de huidige tekst.')
}

/** @throws AppError 422 for a missing or wrong field, 413 for one too long */
export function newThreadFields(input: Record<string, unknown>): ThreadFields {
  const replacement = replacementField(input.replacement)
  if (replacement === null)
    return { body: bodyField(input.body), quote: quoteField(input.quote), replacement }
  const quote = quoteField(input.quote, replacement !== '')
  if (replacement === quote) throw unchanged()
  return { body: optionalBody(input.body), quote, replacement }
}

/** The quote and replacement of a revised amendment; the quote only changes with an anchor. */
export function revisedFields(
  thread: ThreadRecord,
  input: Record<string, unknown>,
): { quote: string; replacement: string } {
  const replacement = replacementField(input.replacement)
  if (replacement === null)
    throw invalidField('replacement', 'Geef de nieuwe tekst van het voorstel.')
  let quote = thread.quote
  if (input.quote !== undefined || input.anchor !== undefined) {
    if (input.anchor === undefined || input.anchor === null)
      throw invalidField('anchor', 'Geef met de nieuwe tekst ook aan waar die staat.')
    quote = quoteField(input.quote, replacement !== '')
  }
  if (replacement === quote) throw unchanged()
  return { quote, replacement }
}
