import { POSITION_LABELS, POSITIONS, type PositionCounts } from '../../../shared/rounds.ts'

/** The colour class of each position; the order of the bar is that of POSITIONS. */
export const POSITION_CLASS = {
  akkoord: 'position--akkoord',
  'akkoord-mits': 'position--mits',
  'niet-akkoord': 'position--niet',
  onthouding: 'position--onthouding',
} as const

/** "3 akkoord, 1 akkoord mits, 0 niet akkoord, 0 onthouding": the counts in words. */
export function countsText(counts: PositionCounts): string {
  return POSITIONS.map(
    (p) => `${counts[p]} ${POSITION_LABELS[p].toLowerCase().replace(',', '')}`,
  ).join(', ')
}

/** How many organisations took a position at all. */
export function totalOf(counts: PositionCounts): number {
  return POSITIONS.reduce((sum, p) => sum + counts[p], 0)
}

/** "124 van 342 lidorganisaties (36%)": member organisations, the VNG not among them (R5). */
export function responseText(responded: number, invited: number): string {
  const share = invited > 0 ? Math.round((responded / invited) * 100) : 0
  const organisations = invited === 1 ? 'lidorganisatie' : 'lidorganisaties'
  return `${responded} van ${invited} ${organisations} (${share}%)`
}
