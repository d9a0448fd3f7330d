/**
 * The shapes the identity-based comparison works on. A side is one state of a
 * proposal (a version or the live text) read as textblocks of runs; a run is a
 * stretch of live characters whose Yjs ids and identities both advance by one
 * per character, so a whole run is looked up at once.
 */

/** Live characters of one textblock, contiguous in id and in identity. */
export interface Run {
  text: string
  /** Offset of the first character within its block. */
  offset: number
  /** Yjs id of the first character in this side's document. */
  client: number
  clock: number
  /**
   * Identity of the first character: the id it was first written with
   * (`provenance.original`), so text an editor rebuilt is the same text.
   * -1 for what has no identity (a hard break).
   */
  iClient: number
  iClock: number
}

/** Where a passage in a table stands: row and column counted from 1. */
export interface Cell {
  row: number
  column: number
  /** True in a header cell. */
  header: boolean
}

/** One textblock (paragraph or heading, also inside lists, quotes and table cells). */
export interface Block {
  index: number
  blockId: string | null
  node: string
  /** Heading level, null for paragraphs. */
  level: number | null
  /** Node names of the containers around it, outermost first (`bulletList`, `listItem`). */
  parents: string[]
  /** In a table: the cell it stands in. */
  cell?: Cell
  runs: Run[]
  length: number
}

/** One state of the text, textblocks in document order. */
export interface Side {
  blocks: Block[]
  /** blockId → block index (ids are unique per side; blocks without one are left out). */
  byBlockId: Map<string, number>
}

/** Where a character lives in the other side: its block and offset there. */
export interface Place {
  block: number
  offset: number
}

/** A piece of a run, split where the other side's runs begin or end. */
export interface Piece {
  text: string
  offset: number
  client: number
  clock: number
  iClient: number
  iClock: number
  /** Where the same identity is live in the other side, or null when it is not. */
  there: Place | null
}

/** A block-level change (the `blocks` field of a comparison). */
export interface BlockChange {
  type: 'added' | 'removed' | 'split' | 'joined' | 'type'
  blockId: string | null
  /** `split`: the block it was split from. */
  from?: string | null
  /** `joined`: the block it was joined into. */
  into?: string | null
  /** `type`: node and heading level before and after. */
  before?: { node: string; level: number | null }
  after?: { node: string; level: number | null }
}

/** A change of text, before people are resolved: `by` is a person id. */
export interface RawChange {
  type: 'insert' | 'delete'
  text: string
  blockId: string | null
  by: string
}

/** One piece of text of the comparison's rendering; `change` indexes `changes`. */
export interface ViewPart {
  text: string
  change?: number
}

/** One block of the rendering: B's blocks in order, with removed blocks of A between. */
export interface ViewBlock {
  blockId: string | null
  node: string
  level: number | null
  parents: string[]
  /** In a table: the cell it stands in. */
  cell?: Cell
  /** The block-level change of this block, if any. */
  block?: BlockChange['type']
  parts: ViewPart[]
}

/** The comparison of two sides, people still as ids. */
export interface RawDiff {
  changes: RawChange[]
  inserted: number
  deleted: number
  blocks: BlockChange[]
  view: ViewBlock[]
}
