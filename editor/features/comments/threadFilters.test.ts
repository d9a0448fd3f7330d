import { describe, expect, it } from 'vitest'
import { aThread } from './testThreads.ts'
import { countByFilter, FILTERS, inTextOrder, matchesFilter } from './threadFilters.ts'

const threads = [
  aThread('t-1', 'anna'),
  aThread('t-2', 'bram', { status: 'resolved', decision: 'verwerkt' }),
  aThread('t-3', 'anna', { kind: 'amendment', replacement: 'nieuw' }),
  aThread('t-4', 'bram', { kind: 'amendment', status: 'resolved', replacement: '' }),
]

describe('filters of the comments panel', () => {
  it('counts open, resolved, mine and amendments', () => {
    expect(countByFilter(threads, 'anna')).toEqual({
      all: 4,
      open: 2,
      resolved: 2,
      mine: 2,
      amendments: 2,
    })
    expect(countByFilter([], 'anna')).toEqual({
      all: 0,
      open: 0,
      resolved: 0,
      mine: 0,
      amendments: 0,
    })
  })

  it('"mine" means threads the person started, not ones they answered', () => {
    const answered = aThread('t-5', 'bram')
    answered.comments.push({ ...answered.comments[0]!, id: 'c-2', author: answered.createdBy })
    answered.comments[1]!.author = { id: 'anna', name: 'Anna', organisation: null }
    expect(matchesFilter(answered, 'mine', 'anna')).toBe(false)
    expect(matchesFilter(answered, 'mine', 'bram')).toBe(true)
  })

  it('every thread matches "all" and exactly one of open and resolved', () => {
    for (const thread of threads) {
      expect(matchesFilter(thread, 'all', 'x')).toBe(true)
      expect(matchesFilter(thread, 'open', 'x')).not.toBe(matchesFilter(thread, 'resolved', 'x'))
    }
    expect(FILTERS).toEqual(['all', 'open', 'resolved', 'mine', 'amendments'])
  })
})

describe('text order', () => {
  it('sorts by where the text is now, with threads whose text is gone last', () => {
    const gone = aThread('t-gone', 'anna', { anchored: false })
    const list = [gone, ...threads]
    const positions = new Map([
      ['t-1', 40],
      ['t-2', 5],
      ['t-3', 20],
      ['t-4', 20],
    ])
    expect(inTextOrder(list, positions).map((t) => t.id)).toEqual([
      't-2',
      't-3',
      't-4',
      't-1',
      't-gone',
    ])
  })

  it('keeps a thread whose place is not known yet after the one listed before it', () => {
    const positions = new Map([
      ['t-1', 10],
      ['t-3', 5],
    ])
    // t-2 follows t-1 in the server's (text) order, so it stays right after t-1.
    expect(inTextOrder(threads.slice(0, 3), positions).map((t) => t.id)).toEqual([
      't-3',
      't-1',
      't-2',
    ])
  })
})
