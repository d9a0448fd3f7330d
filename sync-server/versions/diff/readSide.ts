/**
 * Reads one state of a proposal as textblocks of runs (see types.ts). Walks
 * Yjs items, not characters, except to ask each character's identity: text an
 * editor rebuilt (type change, join, split, list) has new ids but the identity
 * of the text it repeats.
 */
import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE, TEXTBLOCK_TYPES } from '../../../shared/schema.ts'
import type { Block, Run, Side } from './types.ts'

const textblocks: ReadonlySet<string> = new Set(TEXTBLOCK_TYPES)

/** What the reader needs of `Provenance`: the id a character was first written with. */
export interface Identities {
  original(id: { client: number; clock: number }): { client: number; clock: number }
  readonly size: number
}

/** Reads the textblocks of `fragment`, identities resolved with `identities`. */
export function readSide(fragment: Y.XmlFragment, identities: Identities): Side {
  const side: Side = { blocks: [], byBlockId: new Map() }
  // Without any rebuilt text every identity is the id itself: skip the lookups.
  const resolve = identities.size === 0 ? null : identities
  const walk = (parent: Y.XmlFragment | Y.XmlElement, parents: string[]) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (textblocks.has(child.nodeName)) side.blocks.push(readBlock(child, side, parents, resolve))
      else walk(child, [...parents, child.nodeName])
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
  resolve: Identities | null,
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
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) readText(child, block, resolve)
    else pushRun(block, '\n', -1, -1, -1, -1) // a hard break: shown, never a change
  }
  return block
}

function readText(text: Y.XmlText, block: Block, resolve: Identities | null): void {
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue
    const { str } = item.content
    const { client, clock } = item.id
    if (!resolve) {
      pushRun(block, str, client, clock, client, clock)
      continue
    }
    // Split the item where identities stop advancing together with the ids.
    let start = 0
    let first = resolve.original({ client, clock })
    let previous = first
    for (let k = 1; k < str.length; k++) {
      const next = resolve.original({ client, clock: clock + k })
      if (next.client !== previous.client || next.clock !== previous.clock + 1) {
        pushRun(block, str.slice(start, k), client, clock + start, first.client, first.clock)
        start = k
        first = next
      }
      previous = next
    }
    pushRun(block, str.slice(start), client, clock + start, first.client, first.clock)
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
  const run: Run = { text, offset: block.length, client, clock, iClient, iClock }
  block.runs.push(run)
  block.length += text.length
}
