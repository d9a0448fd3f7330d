/**
 * The summary of a round (R5): per passage of the round's version, in text
 * order, its number, an excerpt, how many organisations hold each position
 * (in all and per province) and how much resistance that is. Who counts as a
 * member organisation is `members.ts`.
 */

import { resistanceOf } from '../../shared/rounds.ts'
import { excerptOf, type Passage } from './passages.ts'
import type { Tally } from './Tally.ts'

/** Passages that can be cited and given a position: with an id and a number. */
export function citable(passages: readonly Passage[]) {
  return passages.filter(
    (passage): passage is Passage & { blockId: string; number: string } =>
      passage.blockId !== null && passage.number !== null,
  )
}

/** The blocks of the summary, in text order. */
export function summaryBlocks(passages: readonly Passage[], tally: Tally) {
  return citable(passages).map((passage) => {
    const counts = tally.counts(passage.blockId)
    return {
      blockId: passage.blockId,
      number: passage.number,
      kind: passage.kind,
      level: passage.level,
      excerpt: excerptOf(passage.text),
      counts,
      byProvince: tally.countsByProvince(passage.blockId),
      resistance: resistanceOf(counts),
    }
  })
}

export type SummaryBlock = ReturnType<typeof summaryBlocks>[number]
