/**
 * The summary of a round (R5): per passage of the round's version, in text
 * order, its number, an excerpt, how many organisations hold each position
 * (in all and per province) and how much resistance that is.
 */

import { resistanceOf } from '../../shared/rounds.ts'
import { canSee } from '../auth/Principal.ts'
import type { PersonRecord } from '../persistence/Storage.ts'
import { excerptOf, type Passage } from './passages.ts'
import type { Tally } from './Tally.ts'

/** Passages that can be cited and given a position: with an id and a number. */
export function citable(passages: readonly Passage[]) {
  return passages.filter(
    (passage): passage is Passage & { blockId: string; number: string } =>
      passage.blockId !== null && passage.number !== null,
  )
}

/**
 * Organisations invited to a round: those of people who are not revoked and
 * may see the proposal (R5).
 */
export function invitedOrganisations(people: readonly PersonRecord[], proposalId: string) {
  const organisations = new Set<string>()
  for (const person of people) {
    if (person.revokedAt || person.anonymisedAt || !person.organisation) continue
    if (canSee({ person }, proposalId)) organisations.add(person.organisation)
  }
  return organisations
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
