import { describe, expect, it } from 'vitest'
import { bringsNews, markRead, mergeThreads, replaceList } from './mergeThreads.ts'
import { aComment, aThread } from './testThreads.ts'

const later = '2023-06-14T13:00:00Z'

describe('merging thread events into the panel', () => {
  it('adds new threads without news and replaces known ones in place', () => {
    const current = [aThread('t-1', 'anna'), aThread('t-2', 'bram')]
    const changed = aThread('t-1', 'anna', { status: 'resolved', updatedAt: later })
    const fresh = aThread('t-3', 'bram', { unread: true })
    const merged = mergeThreads(current, [changed, fresh], 'anna')
    expect(merged.map((t) => [t.id, t.status, t.unread])).toEqual([
      ['t-1', 'resolved', false],
      ['t-2', 'open', false],
      ['t-3', 'open', false],
    ])
  })

  it('marks news: a reply by someone else or a decision by someone else on my thread', () => {
    const mine = aThread('t-1', 'anna')
    const reply = aThread('t-1', 'anna', {
      updatedAt: later,
      comments: [...mine.comments, aComment('c-2', 'eva', later)],
    })
    expect(bringsNews(mine, reply, 'anna')).toBe(true)
    expect(mergeThreads([mine], [reply], 'anna')[0]!.unread).toBe(true)
    const decided = aThread('t-1', 'anna', {
      status: 'resolved',
      resolvedAt: later,
      resolvedBy: { id: 'eva', name: 'Eva', organisation: 'VNG' },
    })
    expect(bringsNews(mine, decided, 'anna')).toBe(true)
  })

  it('is no news: my own reply, others’ threads, an anchor that moved', () => {
    const mine = aThread('t-1', 'anna')
    const ownReply = aThread('t-1', 'anna', {
      comments: [...mine.comments, aComment('c-2', 'anna', later)],
    })
    expect(bringsNews(mine, ownReply, 'anna')).toBe(false)
    const theirs = aThread('t-2', 'bram')
    const answered = aThread('t-2', 'bram', {
      comments: [...theirs.comments, aComment('c-3', 'eva', later)],
    })
    expect(bringsNews(theirs, answered, 'anna')).toBe(false)
    const moved = aThread('t-1', 'anna', { anchor: { from: { a: 1 }, to: { a: 2 } } })
    expect(bringsNews(mine, moved, 'anna')).toBe(false)
  })

  it('keeps news once marked, until the person opens the thread', () => {
    const unread = aThread('t-1', 'anna', { unread: true })
    const moved = aThread('t-1', 'anna', { unread: false })
    const merged = mergeThreads([unread], [moved], 'anna')
    expect(merged[0]!.unread).toBe(true)
    expect(markRead(merged, 't-1')[0]!.unread).toBe(false)
    expect(markRead(merged, 't-9')).toBe(merged)
  })

  it('never lets an older copy (a late HTTP answer) replace a newer one (an event)', () => {
    const newer = aThread('t-1', 'anna', { status: 'resolved', updatedAt: later })
    const older = aThread('t-1', 'anna')
    expect(mergeThreads([newer], [older], 'anna')[0]!.status).toBe('resolved')
  })
})

describe('a fresh list after (re)connecting', () => {
  it('takes the server’s list, keeps newer copies and threads it does not have yet', () => {
    const current = [
      aThread('t-1', 'anna', { updatedAt: later, status: 'resolved' }),
      aThread('t-new', 'bram'),
    ]
    const fresh = [aThread('t-0', 'eva'), aThread('t-1', 'anna', { unread: true })]
    const list = replaceList(current, fresh)
    expect(list.map((t) => [t.id, t.status])).toEqual([
      ['t-0', 'open'],
      ['t-1', 'resolved'],
      ['t-new', 'open'],
    ])
  })
})
