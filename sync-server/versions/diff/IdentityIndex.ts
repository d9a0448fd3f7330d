/**
 * Where each identity is live in one side: per client, sorted intervals of
 * identity clocks with the block and offset they start at. Looking up a run of
 * the other side splits it into pieces that are live here (with their place) or
 * not — by run, with a binary search, never character by character.
 */
import type { Piece, Run, Side } from './types.ts'

/** [first identity clock, length, block index, offset in block] */
type Interval = [clock: number, length: number, block: number, offset: number]

export class IdentityIndex {
  readonly #byClient = new Map<number, Interval[]>()

  /** @param skip blocks to leave out (unchanged ones, matched without lookups) */
  constructor(side: Side, skip: ReadonlySet<number> = new Set()) {
    for (const block of side.blocks) {
      if (skip.has(block.index)) continue
      for (const run of block.runs) {
        if (run.iClient < 0) continue
        let intervals = this.#byClient.get(run.iClient)
        if (!intervals) {
          intervals = []
          this.#byClient.set(run.iClient, intervals)
        }
        intervals.push([run.iClock, run.text.length, block.index, run.offset])
      }
    }
    for (const intervals of this.#byClient.values()) intervals.sort((a, b) => a[0] - b[0])
  }

  /** Splits a run of the other side into pieces live here and pieces that are not. */
  split(run: Run): Piece[] {
    const pieces: Piece[] = []
    const intervals = this.#byClient.get(run.iClient)
    const end = run.iClock + run.text.length
    let at = run.iClock
    let index = intervals ? firstEndingAfter(intervals, at) : 0
    while (at < end) {
      const interval = intervals?.[index]
      if (!interval || interval[0] >= end) {
        pieces.push(piece(run, at, end, null))
        break
      }
      const [clock, length, block, offset] = interval
      if (clock > at) {
        pieces.push(piece(run, at, clock, null))
        at = clock
      }
      const stop = Math.min(end, clock + length)
      pieces.push(piece(run, at, stop, { block, offset: offset + (at - clock) }))
      at = stop
      index++
    }
    return pieces
  }
}

/** Index of the first interval that ends after `clock` (intervals sorted by start). */
function firstEndingAfter(intervals: Interval[], clock: number): number {
  let low = 0
  let high = intervals.length
  while (low < high) {
    const middle = (low + high) >> 1
    const [start, length] = intervals[middle]!
    if (start + length <= clock) low = middle + 1
    else high = middle
  }
  return low
}

function piece(run: Run, from: number, to: number, there: Piece['there']): Piece {
  const skip = from - run.iClock
  return {
    text: run.text.slice(skip, to - run.iClock),
    offset: run.offset + skip,
    client: run.client,
    clock: run.clock + skip,
    iClient: run.iClient,
    iClock: from,
    there,
  }
}
