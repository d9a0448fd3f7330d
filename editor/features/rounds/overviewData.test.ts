import { describe, expect, it } from 'vitest'
import { emptyCounts, type PositionCounts } from '../../../shared/rounds.ts'
import { chartRows, provincesOf, provinceTotals } from './overviewData.ts'
import { countsText, responseText } from './positionLabels.ts'
import type { SummaryBlock } from './types.ts'

const counts = (a: number, m: number, n: number, o: number): PositionCounts => ({
  akkoord: a,
  'akkoord-mits': m,
  'niet-akkoord': n,
  onthouding: o,
})

function block(number: string, all: PositionCounts, byProvince: Record<string, PositionCounts>) {
  return {
    blockId: `p-${number.replace('.', '-')}`,
    number,
    kind: 'paragraph',
    level: null,
    excerpt: `Passage ${number}`,
    counts: all,
    byProvince,
    resistance: 0,
    response: null,
  } satisfies SummaryBlock
}

const blocks = [
  block('1', counts(3, 0, 0, 0), { Utrecht: counts(2, 0, 0, 0), Limburg: counts(1, 0, 0, 0) }),
  block('2', counts(1, 0, 2, 0), { Utrecht: counts(0, 0, 2, 0), Limburg: counts(1, 0, 0, 0) }),
  block('3', counts(1, 2, 0, 0), { Limburg: counts(1, 2, 0, 0), Onbekend: counts(0, 0, 0, 0) }),
]

describe('the round overview', () => {
  it('[R5] sorts passages by resistance, most first, and by one position when it is chosen', () => {
    expect(chartRows(blocks, { province: '', position: '' }).map((r) => r.block.number)).toEqual([
      '2',
      '3',
      '1',
    ])
    expect(
      chartRows(blocks, { province: '', position: 'akkoord' }).map((r) => r.block.number),
    ).toEqual(['1', '2', '3'])
  })

  it('[R5] filters by province: counts of that province only, none where it said nothing', () => {
    const rows = chartRows(blocks, { province: 'Utrecht', position: '' })
    expect(rows.map((r) => [r.block.number, r.counts])).toEqual([
      ['2', counts(0, 0, 2, 0)],
      ['1', counts(2, 0, 0, 0)],
      ['3', emptyCounts()],
    ])
  })

  it('[R5][R1] totals per province in the order of the contract, others after', () => {
    const provinces = provincesOf(blocks)
    expect(provinces).toEqual(['Utrecht', 'Limburg', 'Onbekend'])
    const totals = provinceTotals(blocks, provinces)
    expect(totals[0]).toMatchObject({ province: 'Utrecht', counts: counts(2, 0, 2, 0) })
    expect(totals[1]).toMatchObject({ province: 'Limburg', counts: counts(3, 2, 0, 0) })
  })

  it('says the counts and the response in words', () => {
    expect(countsText(counts(3, 1, 0, 2))).toBe(
      '3 akkoord, 1 akkoord mits, 0 niet akkoord, 2 onthouding',
    )
    expect(responseText(12, 40)).toBe('12 van 40 lidorganisaties (30%)')
    expect(responseText(0, 0)).toBe('0 van 0 lidorganisaties (0%)')
  })
})
