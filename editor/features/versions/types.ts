import type { Person } from '../../lib/types.ts'

/** A saved version without its text (V1). */
export interface Version {
  id: string
  name: string
  auto: boolean
  createdAt: string
  createdBy: Person
}

/** A version with its text exactly as saved (V2): ProseMirror JSON and plain text. */
export interface VersionWithText extends Version {
  doc: DocNode
  text: string
}

/** A node of ProseMirror JSON, as the server sends it. */
export interface DocNode {
  type: string
  attrs?: Record<string, unknown>
  content?: DocNode[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

/** One change of a comparison (V3): who inserted or deleted which text, in which passage. */
export interface Change {
  type: 'insert' | 'delete'
  text: string
  blockId: string | null
  by: Person[]
  /** For the text of an accepted amendment (C6): the editor who accepted it; `by` proposed it. */
  acceptedBy?: Person
}

/** A block-level change of a comparison. */
export type BlockChangeType = 'added' | 'removed' | 'split' | 'joined' | 'type'

/** One block of the compared text, with the changes in place; `change` indexes `changes`. */
export interface ViewBlock {
  blockId: string | null
  node: string
  level: number | null
  parents: string[]
  /** In a table: the cell the passage stands in (row and column from 1). */
  cell?: { row: number; column: number; header: boolean }
  block?: BlockChangeType
  parts: Array<{ text: string; change?: number }>
}

/** `GET …/versions/:vid/diff?against=…` (V3). */
export interface Comparison {
  from: Version
  to: Version | { id: 'current' }
  changes: Change[]
  inserted: number
  deleted: number
  blocks: Array<{ type: BlockChangeType; blockId: string | null }>
  view: ViewBlock[]
}

/** What the text column shows instead of the editor: a version, or a comparison. */
export type VersionTarget =
  | { kind: 'read'; versionId: string }
  | { kind: 'compare'; from: string; to: string }

/** The value of "the text as it is now" in a comparison. */
export const CURRENT = 'current'
