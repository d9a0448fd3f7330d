import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE, FRAGMENT_NAME, TEXTBLOCK_TYPES } from '../../../shared/schema.ts'

/** A passage that reads differently in this browser than on the server (S5). */
export interface UnsentPassage {
  /** The passage id, when the passage had one. */
  blockId: string | null
  /** The passage as this person wrote it; for a removed passage, the text that was removed. */
  text: string
  /** True when this person had removed the passage. */
  removed: boolean
}

const textblocks: ReadonlySet<string> = new Set(TEXTBLOCK_TYPES)

interface Passage {
  blockId: string | null
  text: string
}

/** The text of a passage, its footnotes' text included (an unsent edit may be in one). */
function inlineText(element: Y.XmlElement): string {
  let text = ''
  for (const part of element.toArray()) {
    if (part instanceof Y.XmlElement) text += inlineText(part)
    else if (part instanceof Y.XmlText) {
      for (const op of part.toDelta() as Array<{ insert?: unknown }>) {
        if (typeof op.insert === 'string') text += op.insert
      }
    }
  }
  return text
}

function passagesOf(doc: Y.Doc): Passage[] {
  const out: Passage[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (!textblocks.has(child.nodeName)) {
        walk(child)
        continue
      }
      const text = inlineText(child)
      const id = child.getAttribute(BLOCK_ID_ATTRIBUTE) as unknown
      out.push({ blockId: typeof id === 'string' ? id : null, text })
    }
  }
  walk(doc.getXmlFragment(FRAGMENT_NAME))
  return out
}

function docOf(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false })
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

/**
 * The passages this browser changed that the server does not have. `local` is
 * this browser's whole state, `server` the server's state from a fresh sync.
 * Merging the two is what would happen if the local edits were sent; the
 * passages where that merge reads differently from the server alone are exactly
 * the unsent edits — others' edits this browser had not received yet are in
 * both and make no difference.
 */
export function unsentPassages(server: Uint8Array, local: Uint8Array): UnsentPassage[] {
  const serverDoc = docOf(server)
  const mergedDoc = docOf(server, local)
  try {
    const before = passagesOf(serverDoc)
    const after = passagesOf(mergedDoc)
    const known = new Map(before.map((p) => [p.blockId, p.text]))
    const stillThere = new Set(after.map((p) => p.blockId))
    const changed: UnsentPassage[] = after
      .filter((p) =>
        p.blockId !== null && known.has(p.blockId)
          ? known.get(p.blockId) !== p.text
          : p.text !== '',
      )
      .map((p) => ({ ...p, removed: false }))
    const removed = before
      .filter((p) => p.blockId !== null && !stillThere.has(p.blockId) && p.text !== '')
      .map((p) => ({ ...p, removed: true }))
    return [...changed, ...removed]
  } finally {
    serverDoc.destroy()
    mergedDoc.destroy()
  }
}

/** The unsent passages as plain text to copy: one passage per paragraph. */
export function unsentText(passages: UnsentPassage[]): string {
  return passages
    .filter((p) => !p.removed)
    .map((p) => p.text)
    .join('\n\n')
}
