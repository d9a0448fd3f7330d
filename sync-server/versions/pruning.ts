/**
 * Which automatic versions to remove: all of the last day are kept, then one a
 * day for a month, then one a week; named versions are never removed. The
 * newest of each day or week stays, and days and weeks are calendar ones (UTC),
 * so a version kept once is not removed later by a neighbour moving in.
 */
import type { VersionRecord } from '../persistence/Storage.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** Automatic versions younger than this are all kept. */
export const KEEP_ALL_MS = DAY_MS
/** Automatic versions younger than this are kept one a day; older ones one a week. */
export const KEEP_DAILY_MS = 30 * DAY_MS

/** The ids of the automatic versions to remove at `now`. */
export function versionsToPrune(versions: readonly VersionRecord[], now: Date): string[] {
  const newestFirst = versions
    .filter((version) => version.auto)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
  const taken = new Set<string>()
  const remove: string[] = []
  for (const version of newestFirst) {
    const created = Date.parse(version.createdAt)
    const age = now.getTime() - created
    if (age < KEEP_ALL_MS) continue
    const days = Math.floor(created / DAY_MS)
    // 1 January 1970 was a Thursday: +3 makes weeks start on Monday.
    const bucket = age < KEEP_DAILY_MS ? `day ${days}` : `week ${Math.floor((days + 3) / 7)}`
    if (taken.has(bucket)) remove.push(version.id)
    else taken.add(bucket)
  }
  return remove
}
