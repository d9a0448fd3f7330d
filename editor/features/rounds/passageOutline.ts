import type { Node } from '@tiptap/pm/model'
import { passageNumbers } from '../../../shared/passageNumbers.ts'

/** A textblock of the live text: where it is, its id and its number (R3). */
export interface OutlinePassage {
  /** The ProseMirror position just before the block. */
  pos: number
  blockId: string | null
  /** "2.1"; null for an empty block. */
  number: string | null
}

/**
 * The passages of a ProseMirror document in text order, numbered as the server
 * numbers a version's passages (the shared `passageNumbers`).
 */
export function passageOutline(doc: Node): OutlinePassage[] {
  const blocks: Array<{
    pos: number
    blockId: string | null
    heading: number | null
    empty: boolean
  }> = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    const blockId = node.attrs.blockId
    blocks.push({
      pos,
      blockId: typeof blockId === 'string' ? blockId : null,
      heading: node.type.name === 'heading' ? Number(node.attrs.level ?? 1) : null,
      empty: node.textContent.trim() === '',
    })
    return false
  })
  const numbers = passageNumbers(blocks)
  return blocks.map((block, index) => ({
    pos: block.pos,
    blockId: block.blockId,
    number: numbers[index] ?? null,
  }))
}
