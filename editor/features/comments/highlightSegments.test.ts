import { describe, expect, it } from 'vitest'
import { type HighlightRange, segmentClass, segmentsOf } from './highlightSegments.ts'

const range = (id: string, from: number, to: number, kind: HighlightRange['kind'] = 'comment') => ({
  id,
  from,
  to,
  kind,
})

describe('highlight segments', () => {
  it('cuts overlapping threads into layers, innermost thread first', () => {
    const segments = segmentsOf([
      range('outer', 1, 20),
      range('inner', 5, 10),
      range('other', 8, 25, 'amendment'),
    ])
    expect(segments).toEqual([
      { from: 1, to: 5, ids: ['outer'], amendment: false },
      { from: 5, to: 8, ids: ['inner', 'outer'], amendment: false },
      { from: 8, to: 10, ids: ['inner', 'other', 'outer'], amendment: true },
      { from: 10, to: 20, ids: ['other', 'outer'], amendment: true },
      { from: 20, to: 25, ids: ['other'], amendment: true },
    ])
  })

  it('leaves gaps between threads and ignores empty ranges', () => {
    expect(segmentsOf([range('a', 1, 3), range('b', 6, 8), range('c', 4, 4)])).toEqual([
      { from: 1, to: 3, ids: ['a'], amendment: false },
      { from: 6, to: 8, ids: ['b'], amendment: false },
    ])
    expect(segmentsOf([])).toEqual([])
  })

  it('shades by depth (at most three), marks amendments and the open thread', () => {
    const deep = { from: 1, to: 2, ids: ['a', 'b', 'c', 'd'], amendment: true }
    expect(segmentClass(deep, 'c')).toBe(
      'comment-anchor comment-anchor--depth-3 comment-anchor--amendment comment-anchor--active',
    )
    expect(segmentClass({ from: 1, to: 2, ids: ['a'], amendment: false }, null)).toBe(
      'comment-anchor comment-anchor--depth-1',
    )
  })
})
