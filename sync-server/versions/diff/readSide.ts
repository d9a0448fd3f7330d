/**
 * Reads one state of a proposal as textblocks of runs (see types.ts). Walks
 * Yjs items, not characters, and asks each item's identities by run: text an
 * editor rebuilt (type change, join, split, list) has new ids but the identity
 * of the text it repeats.
 */
import * as Y from 'yjs'
import { FOOTNOTE } from '../../../shared/footnote.ts'
import { BLOCK_ID_ATTRIBUTE, TEXTBLOCK_TYPES } from '../../../shared/schema.ts'
import type { IdentityMap } from './IdentityMap.ts'
import type { Block, Cell, Side } from './types.ts'

const textblocks: ReadonlySet<string> = new Set(TEXTBLOCK_TYPES)
const cells: ReadonlySet<string> = new Set(['tableCell', 'tableHeader'])

/** Shown around a footnote's text inside its passage; never a change itself. */
export const FOOTNOTE_OPEN = ' [voetnoot: '
export const FOOTNOTE_CLOSE = ']'

/** Reads the textblocks of `fragment`, identities resolved with `identities`. */
export function readSide(fragment: Y.XmlFragment, identities: IdentityMap): Side {
  const side: Side = { blocks: [], byBlockId: new Map() }
  // Without any rebuilt text every identity is the id itself: skip the lookups.
  const resolve = identities.isEmpty ? null : identities
  const walk = (parent: Y.XmlFragment | Y.XmlElement, parents: string[], cell?: Cell) => {
    let index = 0
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      index++
      if (textblocks.has(child.nodeName)) {
        side.blocks.push(readBlock(child, side, parents, resolve, cell))
        continue
      }
      // Which row and column a passage in a table stands in, counted from 1.
      let inner = cell
      if (child.nodeName === 'tableRow') inner = { row: index, column: 0, header: false }
      else if (cells.has(child.nodeName) && cell)
        inner = { row: cell.row, column: index, header: child.nodeName === 'tableHeader' }
      walk(child, [...parents, child.nodeName], inner)
    }
  }
  walk(fragment, [])
  for (const block of side.blocks) {
    if (block.blockId !== null && !side.byBlockId.has(block.blockId))
      side.byBlockId.set(block.blockId, block.index)
  }
  return side
}

function readBlock(
  element: Y.XmlElement,
  side: Side,
  parents: string[],
  resolve: IdentityMap | null,
  cell: Cell | undefined,
): Block {
  const blockId = element.getAttribute(BLOCK_ID_ATTRIBUTE) as unknown
  const level = element.getAttribute('level') as unknown
  const block: Block = {
    index: side.blocks.length,
    blockId: typeof blockId === 'string' ? blockId : null,
    node: element.nodeName,
    level: element.nodeName === 'heading' && level !== undefined ? Number(level) : null,
    parents,
    runs: [],
    length: 0,
  }
  if (cell) block.cell = cell
  readInline(element, block, resolve)
  return block
}

/** Text, hard breaks and footnotes (their text in place, between markers). */
function readInline(element: Y.XmlElement, block: Block, resolve: IdentityMap | null): void {
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) readText(child, block, resolve)
    else if (child instanceof Y.XmlElement && child.nodeName === FOOTNOTE) {
      pushRun(block, FOOTNOTE_OPEN, -1, -1, -1, -1)
      readInline(child, block, resolve)
      pushRun(block, FOOTNOTE_CLOSE, -1, -1, -1, -1)
    } else pushRun(block, '\n', -1, -1, -1, -1) // a hard break: shown, never a change
  }
}

function readText(text: Y.XmlText, block: Block, resolve: IdentityMap | null): void {
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue
    const { str } = item.content
    const { client, clock } = item.id
    if (!resolve) pushRun(block, str, client, clock, client, clock)
    else
      resolve.originals(client, clock, str.length, (offset, length, iClient, iClock) =>
        pushRun(block, str.slice(offset, offset + length), client, clock + offset, iClient, iClock),
      )
  }
}

function pushRun(
  block: Block,
  text: string,
  client: number,
  clock: number,
  iClient: number,
  iClock: number,
): void {
  block.runs.push({ text, offset: block.length, client, clock, iClient, iClock })
  block.length += text.length
}
