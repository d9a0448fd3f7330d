/**
 * Collects the comparison in document order: text changes, grouped while the
 * kind, passage and person stay the same, and the rendering of B with the
 * changes in place (`view`).
 */
import { countCharacters } from '../../../shared/codePoints.ts'
import type { Block, BlockChange, RawChange, ViewBlock, ViewPart } from './types.ts'

export class ChangeBuilder {
  readonly changes: RawChange[] = []
  readonly view: ViewBlock[] = []
  inserted = 0
  deleted = 0
  #block: ViewBlock | null = null
  /** The change the last part belongs to, while it may still grow. */
  #open: { change: RawChange; part: ViewPart } | null = null

  /** Starts a block of the rendering. */
  startBlock(block: Block, change?: BlockChange['type']): void {
    this.#block = {
      blockId: block.blockId,
      node: block.node,
      level: block.level,
      parents: block.parents,
      parts: [],
    }
    if (block.cell) this.#block.cell = block.cell
    if (change) this.#block.block = change
    this.view.push(this.#block)
    this.#open = null
  }

  /** Text both sides have. */
  same(text: string): void {
    if (!text) return
    const parts = this.#block!.parts
    const last = parts[parts.length - 1]
    if (last && last.change === undefined) last.text += text
    else parts.push({ text })
    this.#open = null
  }

  /** Text inserted (in B only) or deleted (in A only) by `by`, in passage `blockId`. */
  change(type: RawChange['type'], text: string, blockId: string | null, by: string): void {
    if (!text) return
    // Characters as people count them: an emoji is one.
    if (type === 'insert') this.inserted += countCharacters(text)
    else this.deleted += countCharacters(text)
    const open = this.#open
    if (
      open &&
      open.change.type === type &&
      open.change.blockId === blockId &&
      open.change.by === by
    ) {
      open.change.text += text
      open.part.text += text
      return
    }
    const change: RawChange = { type, text, blockId, by }
    const part: ViewPart = { text, change: this.changes.length }
    this.changes.push(change)
    this.#block!.parts.push(part)
    this.#open = { change, part }
  }
}
