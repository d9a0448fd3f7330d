/**
 * The passages of a text (contract R3, B1): every textblock with its `blockId`,
 * its number in the outline of the headings, and its plain text as
 * `LinearText` reads it (so texts compare equal to a thread's `passageText`).
 * Paragraphs in table cells are passages in text order (row by row, cell by
 * cell), continuing the numbers of their section; a footnote's text is left
 * out of its passage, whose excerpt would otherwise read it mid-sentence.
 */
import type * as Y from 'yjs'
import { sliceWhole } from '../../shared/codePoints.ts'
import { passageNumbers } from '../../shared/passageNumbers.ts'
import { LinearText } from '../comments/LinearText.ts'

/** One textblock of a text, in text order. */
export interface Passage {
  blockId: string | null
  /** "2.1"; null for an empty block, which is no passage anyone cites. */
  number: string | null
  kind: 'heading' | 'paragraph'
  /** Heading level 1–3; null for paragraphs. */
  level: number | null
  text: string
}

function headingLevel(element: Y.XmlElement): number | null {
  if (element.nodeName !== 'heading') return null
  const level = Number(element.getAttribute('level') ?? 1)
  return Number.isFinite(level) && level >= 1 ? level : 1
}

/** Reads the passages of a Yjs fragment in text order. */
export function passagesOf(fragment: Y.XmlFragment): Passage[] {
  const linear = new LinearText(fragment)
  const blocks = linear.blocks.map((block) => ({
    blockId: block.blockId,
    level: headingLevel(block.element),
    text: linear.passageText(block),
  }))
  const numbers = passageNumbers(
    blocks.map((block) => ({ heading: block.level, empty: block.text.trim() === '' })),
  )
  return blocks.map((block, index) => ({
    blockId: block.blockId,
    number: numbers[index] ?? null,
    kind: block.level === null ? 'paragraph' : 'heading',
    level: block.level,
    text: block.text,
  }))
}

/** The first words of a passage, for overviews: at most `max` characters. */
export function excerptOf(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = sliceWhole(flat, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
