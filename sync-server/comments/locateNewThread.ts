/**
 * Where a new thread goes (C2): at the anchor the editor sent, or else at the
 * first place its quote appears in the text. A suggestion to insert text has an
 * empty quote and needs the anchor (a point: `from` and `to` the same place). Runs against the live document so a
 * thread is never placed on text the server has not seen.
 */
import { AppError } from '../errors.ts'
import type { Room } from '../rooms/Room.ts'
import { refersToUnknown, resolveAnchor, trimRange } from './anchors.ts'
import { LinearText } from './LinearText.ts'

export interface LocatedThread {
  linear: LinearText
  from: number
  to: number
}

export function locateNewThread(room: Room, quote: string, anchorInput: unknown): LocatedThread {
  const linear = new LinearText(room.fragment)
  if (anchorInput !== undefined && anchorInput !== null) {
    return { linear, ...atAnchor(room, linear, quote, anchorInput) }
  }
  if (quote === '')
    throw new AppError('validation_failed', 'Geef aan waar de nieuwe tekst moet komen.', {
      details: { field: 'anchor' },
    })
  const at = linear.value.indexOf(quote)
  if (at < 0)
    throw new AppError('quote_not_found', 'Deze tekst staat niet (meer) in het voorstel.', {
      details: { field: 'quote' },
    })
  const [from, to] = trimRange(linear, at, at + quote.length, quote)
  return { linear, from, to }
}

function atAnchor(room: Room, linear: LinearText, quote: string, anchorInput: unknown) {
  const { from, to } = anchorInput as { from?: unknown; to?: unknown }
  if (typeof from !== 'object' || from === null || typeof to !== 'object' || to === null) {
    throw new AppError('validation_failed', 'Het anker moet {from, to} zijn.', {
      details: { field: 'anchor' },
    })
  }
  if (refersToUnknown(from as never, room.doc) || refersToUnknown(to as never, room.doc)) {
    // The editor made this text a moment ago and its update is still on the way.
    throw new AppError(
      'anchor_unknown',
      'Deze tekst is nog niet bij de server aangekomen. Probeer het zo opnieuw.',
    )
  }
  const probe = { from: from as never, to: to as never, anchored: true, prefix: '', suffix: '' }
  const resolved = resolveAnchor(
    { anchor: probe, quote, blockId: null },
    room.doc,
    linear,
    room.authorship.provenance,
  )
  if (!resolved.anchored)
    throw new AppError(
      'validation_failed',
      'De geselecteerde tekst is niet meer in het voorstel.',
      {
        details: { field: 'anchor' },
      },
    )
  return { from: resolved.from, to: resolved.to }
}
