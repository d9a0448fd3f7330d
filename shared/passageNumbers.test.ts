import { describe, expect, it } from 'vitest'
import { type OutlineBlock, passageNumbers } from './passageNumbers.ts'

const p: OutlineBlock = { heading: null, empty: false }
const h = (level: number): OutlineBlock => ({ heading: level, empty: false })
const blank: OutlineBlock = { heading: null, empty: true }

describe('passage numbers', () => {
  it('[R3] follow the outline of the headings', () => {
    expect(passageNumbers([p, h(1), p, p, h(2), p, h(1), p])).toEqual([
      '1',
      '2',
      '2.1',
      '2.2',
      '2.3',
      '2.3.1',
      '3',
      '3.1',
    ])
  })

  it('[R3] text without headings is 1, 2, 3', () => {
    expect(passageNumbers([p, p, p])).toEqual(['1', '2', '3'])
    expect(passageNumbers([])).toEqual([])
  })

  it('[R3] a heading closes the levels of its own and lower headings only', () => {
    // h1, h2, h3, p, h2, p, h3, h1
    expect(passageNumbers([h(1), h(2), h(3), p, h(2), p, h(3), h(1)])).toEqual([
      '1',
      '1.1',
      '1.1.1',
      '1.1.1.1',
      '1.2',
      '1.2.1',
      '1.2.2',
      '2',
    ])
  })

  it('[R3] a lower heading before any higher one opens its level at the top', () => {
    expect(passageNumbers([h(2), p, h(1), p, h(3), p])).toEqual([
      '1',
      '1.1',
      '2',
      '2.1',
      '2.2',
      '2.2.1',
    ])
  })

  it('[R3] empty blocks take no number; the twin with text does', () => {
    expect(passageNumbers([p, blank, p, h(1), blank, p])).toEqual([
      '1',
      null,
      '2',
      '3',
      null,
      '3.1',
    ])
    expect(passageNumbers([p, p, p, h(1), p, p])).toEqual(['1', '2', '3', '4', '4.1', '4.2'])
  })
})
