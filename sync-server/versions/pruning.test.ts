import { describe, expect, it } from 'vitest'
import type { VersionRecord } from '../persistence/Storage.ts'
import { versionsToPrune } from './pruning.ts'

const NOW = new Date('2026-03-20T12:00:00.000Z')
const HOUR = 60 * 60 * 1000

function version(id: string, hoursAgo: number, auto = true): VersionRecord {
  return {
    id,
    proposalId: 'voorstel-1',
    name: auto ? 'Automatisch opgeslagen' : id,
    auto,
    createdAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(),
    createdBy: 'p-anna',
  }
}

describe('pruning automatic versions', () => {
  it('[V1] keeps every automatic version of the last day', () => {
    const versions = [version('a', 1), version('b', 2), version('c', 23)]
    expect(versionsToPrune(versions, NOW)).toEqual([])
  })

  it('[V1] keeps the newest automatic version of each day for a month', () => {
    // 19 March, three times; 18 March once.
    const versions = [version('a', 30), version('b', 31), version('c', 33), version('d', 40)]
    expect(versionsToPrune(versions, NOW)).toEqual(['b', 'c'])
  })

  it('[V1] keeps one automatic version a week after a month', () => {
    // 2026-01-12 (Mon) … 2026-01-18 (Sun) is one week; 2026-01-19 starts the next.
    const at = (iso: string) => (NOW.getTime() - Date.parse(iso)) / HOUR
    const versions = [
      version('mon', at('2026-01-12T09:00:00Z')),
      version('sun', at('2026-01-18T20:00:00Z')),
      version('next-mon', at('2026-01-19T09:00:00Z')),
    ]
    expect(versionsToPrune(versions, NOW)).toEqual(['mon'])
  })

  it('[V1] never removes a named version, however old or crowded', () => {
    const versions = [version('n1', 24 * 90, false), version('n2', 24 * 90 + 1, false)]
    expect(versionsToPrune(versions, NOW)).toEqual([])
    // The positive twin: the same two as automatic versions, one is removed.
    expect(versionsToPrune([version('n1', 24 * 90), version('n2', 24 * 90 + 1)], NOW)).toEqual([
      'n2',
    ])
  })
})
