/** Rounds and positions as the API shows them (R2, R4), people resolved. */
import type { PositionRecord, RoundRecord } from '../persistence/Storage.ts'
import type { PersonLookup } from '../versions/people.ts'

/** True while positions may be given: until `closesAt`. */
export function isOpen(round: RoundRecord, now = Date.now()): boolean {
  return now < Date.parse(round.closesAt)
}

/** `{id, proposalId, versionId, versionName, title, closesAt, createdAt, createdBy, open}`. */
export function roundView(round: RoundRecord, versionName: string, people: PersonLookup) {
  const { id, proposalId, versionId, title, closesAt, createdAt } = round
  return {
    id,
    proposalId,
    versionId,
    versionName,
    title,
    closesAt,
    createdAt,
    createdBy: people(round.createdBy),
    open: isOpen(round),
  }
}

export type RoundView = ReturnType<typeof roundView>

/** `{blockId, organisation, province, position, reason, person, createdAt}`. */
export function positionView(record: PositionRecord, people: PersonLookup) {
  const { blockId, organisation, province, position, reason, createdAt } = record
  return {
    blockId,
    organisation,
    province,
    position,
    reason,
    person: people(record.personId),
    createdAt,
  }
}

export type PositionView = ReturnType<typeof positionView>
