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
}

/** `GET …/rounds/:rid/summary` (R5). */
export interface Summary {
  round: Round
  responded: number
  invited: number
  blocks: SummaryBlock[]
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
