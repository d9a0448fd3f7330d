/**
 * Consultation rounds, the parts both sides need (contract R4): the four
 * positions an organisation can take on a passage, their Dutch names, and
 * which of them need a reason.
 */

/** The positions of R4, from support to abstention. */
export const POSITIONS = ['akkoord', 'akkoord-mits', 'niet-akkoord', 'onthouding'] as const
export type Position = (typeof POSITIONS)[number]

/** The positions in plain Dutch, as the editor and the memorandum say them. */
export const POSITION_LABELS: Record<Position, string> = {
  akkoord: 'Akkoord',
  'akkoord-mits': 'Akkoord, mits',
  'niet-akkoord': 'Niet akkoord',
  onthouding: 'Onthouding',
}

/** How many organisations took each position (the latest of each counts). */
export type PositionCounts = Record<Position, number>

export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && (POSITIONS as readonly string[]).includes(value)
}

/** A condition or an objection needs its reason (R4: 422 `reason_required` without one). */
export function needsReason(position: Position): boolean {
  return position === 'akkoord-mits' || position === 'niet-akkoord'
}

/** Zero for every position. */
export function emptyCounts(): PositionCounts {
  return { akkoord: 0, 'akkoord-mits': 0, 'niet-akkoord': 0, onthouding: 0 }
}

/**
 * How much a passage is opposed, from 0 to 1: the share of organisations that
 * do not agree, a condition counting half. Used to sort passages by resistance.
 */
export function resistanceOf(counts: PositionCounts): number {
  const total = POSITIONS.reduce((sum, position) => sum + counts[position], 0)
  if (total === 0) return 0
  return (counts['niet-akkoord'] + counts['akkoord-mits'] / 2) / total
}
