/** Rounds and positions as the API shows them (R2, R4), people resolved. */
import { createHash } from 'node:crypto'
import type { PositionRecord, ResponseRecord, RoundRecord } from '../persistence/Storage.ts'
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

/**
 * A position's id: its own, or for one stored before positions had ids, one
 * made from what it is (a person gives one position per passage at a time).
 */
export function positionId(record: PositionRecord): string {
  if (record.id) return record.id
  const made = createHash('sha256')
    .update(`${record.roundId}\n${record.blockId}\n${record.personId}\n${record.createdAt}`)
    .digest('hex')
  return `s-${made.slice(0, 16)}`
}

/** `{id, blockId, organisation, province, position, reason, person, createdAt}`. */
export function positionView(record: PositionRecord, people: PersonLookup) {
  const { blockId, organisation, province, position, reason, createdAt } = record
  return {
    id: positionId(record),
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

/** The VNG's response to a passage: `{blockId, text, by, at}`. */
export function responseView(record: ResponseRecord, people: PersonLookup) {
  return {
    blockId: record.blockId,
    text: record.text,
    by: people(record.personId),
    at: record.createdAt,
  }
}

export type ResponseView = ReturnType<typeof responseView>
