/**
 * The server's own changes that follow an accepted one: passage ids for the
 * textblocks it added or duplicated (B1), and the repair of a shape that it and
 * edits its sender had not seen left invalid together (S9). Both are written
 * through `ServerWriter`, so they take S8's one path: stored and sent like a
 * client's update.
 */
import type * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE } from '../../shared/schema.ts'
import type { Logger } from '../log.ts'
import { repairAfter } from '../structure/repairMerge.ts'
import type { SchemaRules } from '../structure/SchemaRules.ts'
import type { Authorship } from './Authorship.ts'
import { BlockIndex, changedTextblocks, olderFirst } from './blockIds.ts'
import { type ServerWriter, SYSTEM_PERSON_ID } from './ServerWriter.ts'

export interface FollowUpRoom {
  readonly id: string
  readonly fragment: Y.XmlFragment
  /** Replaced when a snapshot is loaded, so read on each use. */
  readonly authorship: Authorship
}

export class FollowUpChanges {
  /** Which element holds which passage id. */
  readonly blocks = new BlockIndex()
  readonly #room: FollowUpRoom
  readonly #writer: ServerWriter
  readonly #rules: SchemaRules
  readonly #log: Logger

  constructor(room: FollowUpRoom, writer: ServerWriter, rules: SchemaRules, log: Logger) {
    this.#room = room
    this.#writer = writer
    this.#rules = rules
    this.#log = log
  }

  /** Names new blocks among `candidates` and renumbers duplicates, credited to `personId`. */
  assignBlockIds(candidates: Y.XmlElement[], personId: string): void {
    // Blocks an editor rebuilt take back the passage id their text came from.
    const lineage = this.#room.authorship.provenance.takeLineage()
    if (candidates.length === 0) return
    const needNew = this.blocks.settle(candidates)
    if (needNew.length === 0) return
    this.#writer.write(
      personId,
      () => {
        for (const block of needNew) {
          block.setAttribute(BLOCK_ID_ATTRIBUTE, this.blocks.assign(block, lineage.get(block)))
        }
      },
      { followUp: true },
    )
  }

  /**
   * After a change was stored: names the textblocks it added or duplicated,
   * credited to its author; without one (only Yjs's cleanups) the lineage the
   * transactions left is dropped.
   */
  afterChange(change: { tr: Y.Transaction; personId: string } | undefined): void {
    if (!change) this.#room.authorship.provenance.takeLineage()
    else this.assignBlockIds(olderFirst(changedTextblocks(change.tr), change.tr), change.personId)
  }

  /** After a client's update was applied as `tr`: repairs what it left invalid, credited to the server. */
  repairMerge(tr: Y.Transaction): void {
    const write = (change: () => void) =>
      this.#writer.write(SYSTEM_PERSON_ID, change, { followUp: true })
    if (repairAfter(tr, this.#room.fragment, this.#rules, write) > 0)
      this.#log.warn('a merge left a shape that cannot be repaired', { proposal: this.#room.id })
  }
}
