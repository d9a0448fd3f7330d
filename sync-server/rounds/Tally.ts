/**
 * The positions of one round, counted (R4, R5): every position in the order it
 * was given, and the latest of each organisation per passage, which is the one
 * that counts. Kept up to date one position at a time, so a summary never
 * re-reads the history.
 */
import { emptyCounts, type PositionCounts } from '../../shared/rounds.ts'
import type { PositionRecord } from '../persistence/Storage.ts'

/** The key under which positions of people without a province are counted. */
export const NO_PROVINCE = 'Onbekend'

export class Tally {
  /** Every position, oldest first. */
  readonly history: PositionRecord[] = []
  /** blockId → organisation → its latest position. */
  readonly #latest = new Map<string, Map<string, PositionRecord>>()
  /** Organisation → the province its latest position gave. */
  readonly #organisations = new Map<string, string | null>()

  constructor(records: Iterable<PositionRecord> = []) {
    for (const record of records) this.add(record)
  }

  add(record: PositionRecord): void {
    this.history.push(record)
    let byOrganisation = this.#latest.get(record.blockId)
    if (!byOrganisation) {
      byOrganisation = new Map()
      this.#latest.set(record.blockId, byOrganisation)
    }
    // Deleted and set again, so the map's order is the order of the latest positions.
    byOrganisation.delete(record.organisation)
    byOrganisation.set(record.organisation, record)
    this.#organisations.set(record.organisation, record.province)
  }

  /** Organisations with at least one position in the round, with their province then. */
  answered(): ReadonlyMap<string, string | null> {
    return this.#organisations
  }

  /** The latest position of each organisation on a passage. */
  current(blockId: string): PositionRecord[] {
    return [...(this.#latest.get(blockId)?.values() ?? [])]
  }

  /** The latest position of an organisation on a passage, if it gave one. */
  currentOf(blockId: string, organisation: string): PositionRecord | undefined {
    return this.#latest.get(blockId)?.get(organisation)
  }

  /** Every position on a passage, oldest first. */
  historyOf(blockId: string): PositionRecord[] {
    return this.history.filter((record) => record.blockId === blockId)
  }

  /** How many organisations hold each position on a passage now. */
  counts(blockId: string): PositionCounts {
    const counts = emptyCounts()
    for (const record of this.#latest.get(blockId)?.values() ?? []) counts[record.position]++
    return counts
  }

  /** The same, per province of the organisation (as its latest position gave it). */
  countsByProvince(blockId: string): Record<string, PositionCounts> {
    const result: Record<string, PositionCounts> = {}
    for (const record of this.#latest.get(blockId)?.values() ?? []) {
      const province = record.province ?? NO_PROVINCE
      result[province] ??= emptyCounts()
      result[province][record.position]++
    }
    return result
  }
}
