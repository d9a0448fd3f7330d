import type { Thread } from './types.ts'

/** The panel's filters, in the order they are offered. */
export const FILTERS = ['all', 'open', 'resolved', 'mine', 'amendments'] as const
/** One of {@link FILTERS}. */
export type ThreadFilter = (typeof FILTERS)[number]

/** The filters' names in the panel. */
export const FILTER_LABELS: Record<ThreadFilter, string> = {
  all: 'Alle',
  open: 'Open',
  resolved: 'Afgehandeld',
  mine: 'Van mij',
  amendments: 'Wijzigingsvoorstellen',
}

/**
 * True when `thread` belongs under `filter`. "Van mij" means threads the
 * person started: for an editor who answers everything, "took part in" would
 * be every thread.
 */
export function matchesFilter(thread: Thread, filter: ThreadFilter, personId: string): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'open':
      return thread.status === 'open'
    case 'resolved':
      return thread.status === 'resolved'
    case 'mine':
      return thread.createdBy.id === personId
    case 'amendments':
      return thread.kind === 'amendment'
  }
}

/** How many threads each filter shows. */
export function countByFilter(threads: Thread[], personId: string): Record<ThreadFilter, number> {
  const counts = { all: 0, open: 0, resolved: 0, mine: 0, amendments: 0 }
  for (const thread of threads) {
    for (const filter of FILTERS) if (matchesFilter(thread, filter, personId)) counts[filter]++
  }
  return counts
}

/**
 * Threads in text order: by where their text starts now (`positions`), the
 * ones whose text is gone last. A thread whose place is not known yet keeps
 * its place after the one the server listed before it (the server's list is in
 * text order too), so the order stays consistent while anchors settle.
 */
export function inTextOrder(threads: Thread[], positions: ReadonlyMap<string, number>): Thread[] {
  const keys = new Map<string, [number, number]>()
  let lastKnown = 0
  threads.forEach((thread, at) => {
    if (!thread.anchored) {
      keys.set(thread.id, [Number.POSITIVE_INFINITY, at])
      return
    }
    lastKnown = positions.get(thread.id) ?? lastKnown
    keys.set(thread.id, [lastKnown, at])
  })
  const compare = (a: Thread, b: Thread) => {
    const [posA, atA] = keys.get(a.id) ?? [0, 0]
    const [posB, atB] = keys.get(b.id) ?? [0, 0]
    if (posA !== posB) return posA < posB ? -1 : 1
    return atA - atB
  }
  return [...threads].sort(compare)
}
