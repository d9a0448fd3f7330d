/**
 * Passage ids (contract B1): every textblock carries a `blockId`, assigned only
 * by the server. After each transaction the server looks at the blocks it added
 * or whose id changed, keeps ids that are free, and gives a new id to blocks
 * without one and to the younger of two blocks sharing one.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { isWellFormedId } from '../../shared/protocol.ts'
import { BLOCK_ID_ATTRIBUTE, TEXTBLOCK_TYPES } from '../../shared/schema.ts'

const textblocks: ReadonlySet<string> = new Set(TEXTBLOCK_TYPES)

/** A fresh passage id, e.g. `p-3k9x0c2m1q`. */
export function newBlockId(): string {
  return `p-${BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .slice(0, 10)}`
}

function isTextblock(node: unknown): node is Y.XmlElement {
  return node instanceof Y.XmlElement && textblocks.has(node.nodeName)
}

/** True when neither the element nor any of its ancestors is deleted. */
export function isAlive(type: TreeNode): boolean {
  for (let node: TreeNode | null = type; node; node = node.parent as TreeNode | null) {
    if (node._item?.deleted) return false
  }
  return true
}

/** The part of a Y type this file walks (Y's own generics do not nest well). */
interface TreeNode {
  _item: Y.Item | null
  parent: unknown
}

function blockIdOf(element: Y.XmlElement): string | undefined {
  const value = element.getAttribute(BLOCK_ID_ATTRIBUTE) as unknown
  return typeof value === 'string' && isWellFormedId(value) ? value : undefined
}

/** Every textblock under `parent`, in document order. */
export function collectTextblocks(parent: Y.XmlFragment | Y.XmlElement, into: Y.XmlElement[] = []) {
  for (const child of parent.toArray()) {
    if (isTextblock(child)) into.push(child)
    else if (child instanceof Y.XmlElement) collectTextblocks(child, into)
  }
  return into
}

const isNew = (type: TreeNode, tr: Y.Transaction) =>
  type._item !== null && type._item.id.clock >= (tr.beforeState.get(type._item.id.client) ?? 0)

/**
 * Textblocks a transaction added, or whose blockId attribute it changed. New
 * blocks are found among the transaction's new structs (not by walking the
 * parents that changed), so the cost follows the size of the change, not of the
 * document.
 */
export function changedTextblocks(tr: Y.Transaction): Y.XmlElement[] {
  const found = new Set<Y.XmlElement>()
  for (const [type, keys] of tr.changed) {
    if (isTextblock(type) && keys.has(BLOCK_ID_ATTRIBUTE)) found.add(type)
  }
  for (const [client, clock] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (clock <= before) continue
    const structs = tr.doc.store.clients.get(client) ?? []
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct instanceof Y.Item && !struct.deleted && struct.content instanceof Y.ContentType) {
        const type = struct.content.type
        if (isTextblock(type)) found.add(type)
      }
    }
  }
  return [...found]
}

/**
 * Keeps the map from blockId to its element. `settle` decides which of the given
 * blocks keep their id and returns those that need a new one.
 */
export class BlockIndex {
  readonly #holders = new Map<string, Y.XmlElement>()

  #holderOf(id: string): Y.XmlElement | undefined {
    const holder = this.#holders.get(id)
    if (holder && isAlive(holder) && blockIdOf(holder) === id) return holder
    if (holder) this.#holders.delete(id)
    return undefined
  }

  /**
   * @param blocks blocks to check, older first (blocks the index already holds
   *   count as older than any others)
   * @returns the blocks that must get a new id
   */
  settle(blocks: Y.XmlElement[]): Y.XmlElement[] {
    const needNew: Y.XmlElement[] = []
    for (const block of blocks) {
      if (!isAlive(block)) continue
      const id = blockIdOf(block)
      const holder = id === undefined ? undefined : this.#holderOf(id)
      if (id === undefined || (holder && holder !== block)) needNew.push(block)
      else this.#holders.set(id, block)
    }
    return needNew
  }

  /**
   * An id no live block holds — `preferred` when it is free (a rebuilt block
   * taking back its passage id), else a fresh one; records `block` as its holder.
   */
  assign(block: Y.XmlElement, preferred?: string): string {
    let id = preferred && !this.#holderOf(preferred) ? preferred : newBlockId()
    while (this.#holderOf(id)) id = newBlockId()
    this.#holders.set(id, block)
    return id
  }
}

/** Orders blocks so that elements created earlier come first (ties by client id). */
export function olderFirst(blocks: Y.XmlElement[], tr: Y.Transaction | null): Y.XmlElement[] {
  const age = (block: Y.XmlElement) => (tr && isNew(block, tr) ? 1 : 0)
  return [...blocks].sort((a, b) => {
    const byAge = age(a) - age(b)
    if (byAge !== 0) return byAge
    const ia = a._item!.id
    const ib = b._item!.id
    return ia.client === ib.client ? ia.clock - ib.clock : ia.client - ib.client
  })
}
