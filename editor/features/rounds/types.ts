import type { Position, PositionCounts } from '../../../shared/rounds.ts'
import type { Person } from '../../lib/types.ts'

/** A consultation round (R2), as `GET …/rounds` gives it. */
export interface Round {
  id: string
  proposalId: string
  versionId: string
  versionName: string
  title: string
  closesAt: string
  createdAt: string
  createdBy: Person
  open: boolean
}

/** An open round with its response rate (`GET /api/rounds`). */
export interface OpenRound extends Round {
  responded: number
  invited: number
}

/** One position of an organisation on a passage (R4). */
export interface PositionView {
  id: string
  blockId: string
  organisation: string
  province: string | null
  position: Position
  reason: string | null
  person: Person
  createdAt: string
}

/** `GET …/positions/:blockId`: the latest per organisation, and every one, oldest first. */
export interface BlockPositions {
  current: PositionView[]
  history: PositionView[]
}

/** One passage of the round's version in the summary (R5). */
export interface SummaryBlock {
  blockId: string
  number: string
  kind: 'heading' | 'paragraph'
  level: number | null
  excerpt: string
  counts: PositionCounts
  byProvince: Record<string, PositionCounts>
  /** 0–1: the share not agreeing, a condition counting half. */
  resistance: number
  /** The VNG's response to the passage ("Reactie VNG"), if one was written. */
  response: ResponseView | null
}

/** The VNG's response to a passage of a round. */
export interface ResponseView {
  blockId: string
  text: string
  by: Person
  at: string
}

/** A member organisation of the round (R5): not the VNG, with someone who may see the proposal. */
export interface MemberOrganisation {
  organisation: string
  province: string | null
  responded: boolean
}

/** `GET …/rounds/:rid/summary` (R5). */
export interface Summary {
  round: Round
  responded: number
  invited: number
  organisations: MemberOrganisation[]
  blocks: SummaryBlock[]
}

/** The `response` event (E1): the VNG's response to a passage changed. */
export interface ResponseEvent {
  type: 'response'
  roundId: string
  response: ResponseView
}

/** The `position` event (E1). */
export interface PositionEvent {
  type: 'position'
  roundId: string
  blockId: string
  organisation: string
  counts: PositionCounts
  responded: number
}
