/**
 * The text of a proposal as one string, with a map between Yjs positions and
 * offsets in it: textblocks are separated by "\n", a hard break is "\n" too.
 * A footnote's text stands where its reference is, as the editor's
 * `textBetween` reads it, so a thread can anchor in a footnote (W1) and a quote
 * across a reference is the same on both sides. Anchors are resolved and
 * searched on this string.
 */
import * as Y from 'yjs'
import { FOOTNOTE } from '../../shared/footnote.ts'
import { BLOCK_ID_ATTRIBUTE, TEXTBLOCK_TYPES } from '../../shared/schema.ts'

const textblocks: ReadonlySet<string> = new Set(TEXTBLOCK_TYPES)

export interface BlockSpan {
  element: Y.XmlElement
  blockId: string | null
  start: number
  end: number
}

/** Where a footnote's text is in the string. */
export interface FootnoteSpan {
  start: number
  end: number
}

interface Segment {
  text: Y.XmlText
  start: number
  length: number
}

/** The characters of an XmlText (Yjs index order; formatting items do not count). */
export function plainTextOf(text: Y.XmlText): string {
  let value = ''
  for (let item = text._start; item; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) value += item.content.str
    else if (!item.deleted && item.countable) value += '\uFFFC'.repeat(item.length)
  }
  return value
}

export class LinearText {
  value = ''
  readonly blocks: BlockSpan[] = []
  readonly footnotes: FootnoteSpan[] = []
  readonly #segments: Segment[] = []
  readonly #start = new Map<unknown, number>()
  readonly #end = new Map<unknown, number>()

  /** The document the text is read from. */
  readonly root: Y.XmlFragment

  constructor(fragment: Y.XmlFragment) {
    this.root = fragment
    this.#walk(fragment)
  }

  #walk(parent: Y.XmlFragment | Y.XmlElement): void {
    this.#start.set(parent, this.value.length)
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (textblocks.has(child.nodeName)) this.#block(child)
      else this.#walk(child)
    }
    this.#end.set(parent, this.value.length)
  }

  #block(element: Y.XmlElement): void {
    if (this.blocks.length > 0) this.value += '\n'
    const start = this.value.length
    this.#inline(element)
    const blockId = element.getAttribute(BLOCK_ID_ATTRIBUTE)
    this.blocks.push({
      element,
      blockId: typeof blockId === 'string' ? blockId : null,
      start,
      end: this.value.length,
    })
  }

  /** The inline content of a textblock or a footnote: text, hard breaks ("\n"), footnotes. */
  #inline(element: Y.XmlElement): void {
    this.#start.set(element, this.value.length)
    for (const child of element.toArray()) {
      this.#start.set(child, this.value.length)
      if (child instanceof Y.XmlText) {
        const text = plainTextOf(child)
        this.#segments.push({ text: child, start: this.value.length, length: text.length })
        this.value += text
      } else if (child instanceof Y.XmlElement && child.nodeName === FOOTNOTE) {
        const start = this.value.length
        this.#inline(child)
        this.footnotes.push({ start, end: this.value.length })
      } else {
        this.value += '\n'
      }
      this.#end.set(child, this.value.length)
    }
    this.#end.set(element, this.value.length)
  }

  /** The offset of a Yjs absolute position, or null when it is outside the text. */
  offsetOf(position: Y.AbsolutePosition): number | null {
    const { type, index } = position
    const start = this.#start.get(type)
    if (start === undefined) return null
    if (type instanceof Y.XmlText) return start + index
    const children = (type as Y.XmlElement).toArray()
    const child = children[index]
    return child === undefined ? (this.#end.get(type) ?? null) : (this.#start.get(child) ?? null)
  }

  /**
   * The XmlText and index at an offset. At a boundary between two texts, `side`
   * picks the text that begins there ('start') or the one that ends there ('end').
   */
  positionAt(offset: number, side: 'start' | 'end'): { text: Y.XmlText; index: number } | null {
    let found: Segment | null = null
    for (const segment of this.#segments) {
      const inside = offset >= segment.start && offset <= segment.start + segment.length
      if (!inside) continue
      found = segment
      const atBoundary =
        side === 'start' ? offset === segment.start + segment.length : offset === segment.start
      if (!atBoundary || segment.length === 0) break
    }
    return found ? { text: found.text, index: offset - found.start } : null
  }

  /** The passage at an offset when it holds no text at all (a new, empty paragraph). */
  emptyBlockAt(offset: number): Y.XmlElement | null {
    const block = this.blocks.find((b) => b.start === offset && b.end === offset)
    return block && block.element.length === 0 ? block.element : null
  }

  /** The block holding an offset, or the nearest one before it. */
  blockAt(offset: number): BlockSpan | null {
    let found: BlockSpan | null = null
    for (const block of this.blocks) {
      if (block.start > offset) break
      found = block
    }
    return found
  }

  /**
   * A passage's own text: its block without the footnotes in it, whose text
   * would otherwise read mid-sentence in excerpts (and a thread's passage text
   * compares with this, R6).
   */
  passageText(block: BlockSpan): string {
    let text = ''
    let at = block.start
    for (const note of this.footnotes) {
      if (note.end <= block.start || note.start >= block.end) continue
      text += this.value.slice(at, note.start)
      at = note.end
    }
    return text + this.value.slice(at, block.end)
  }

  blockById(blockId: string): BlockSpan | null {
    return this.blocks.find((block) => block.blockId === blockId) ?? null
  }
}
