import { PROVINCES } from '../../../shared/roles.ts'
import {
  emptyCounts,
  POSITIONS,
  type Position,
  type PositionCounts,
  resistanceOf,
} from '../../../shared/rounds.ts'
import type { SummaryBlock } from './types.ts'

/** The filters of the overview: '' means all. */
export interface OverviewFilter {
  province: string
  position: Position | ''
}

/** A passage's counts as the filter sees them: all organisations, or one province's. */
export function countsFor(block: SummaryBlock, province: string): PositionCounts {
  return province ? (block.byProvince[province] ?? emptyCounts()) : block.counts
}

/**
 * Passages for the chart: by resistance, most first (or, when one position is
 * chosen, by how many took it); equal ones in text order.
 */
export function chartRows(blocks: readonly SummaryBlock[], filter: OverviewFilter) {
  const rows = blocks.map((block, order) => {
    const counts = countsFor(block, filter.province)
    return { block, counts, order, resistance: resistanceOf(counts) }
  })
  const position = filter.position
  return rows.sort((a, b) =>
    position
      ? b.counts[position] - a.counts[position] || a.order - b.order
      : b.resistance - a.resistance || a.order - b.order,
  )
}

/** Provinces that appear in the round: the twelve in their order, then any others ("Onbekend"). */
export function provincesOf(blocks: readonly SummaryBlock[]): string[] {
  const seen = new Set(blocks.flatMap((block) => Object.keys(block.byProvince)))
  const known: string[] = PROVINCES.filter((p) => seen.has(p))
  return [...known, ...[...seen].filter((p) => !known.includes(p)).sort()]
}

/** Per province, the positions given over all passages together. */
export function provinceTotals(blocks: readonly SummaryBlock[], provinces: readonly string[]) {
  return provinces.map((province) => {
    const counts = emptyCounts()
    for (const block of blocks) {
      const own = block.byProvince[province]
      if (own) for (const p of POSITIONS) counts[p] += own[p]
    }
    return { province, counts, resistance: resistanceOf(counts) }
  })
}
