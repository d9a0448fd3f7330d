/**
 * A Yjs document that keeps an authorship record the way a room does, for unit
 * tests of the comparison: each change is made as one person, whose client id,
 * deletions and rebuilt text are recorded.
 */
import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE } from '../../../shared/schema.ts'
import { Authorship } from '../../rooms/Authorship.ts'

export class TestDoc {
  readonly doc = new Y.Doc({ gc: true })
  readonly fragment = this.doc.getXmlFragment('default')
  readonly authorship = new Authorship()
  readonly #clients = new Map<string, number>()

  constructor() {
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      const person = tr.origin as string
      this.authorship.provenance.record(tr)
      for (const [client, clock] of tr.afterState) {
        if (tr.beforeState.get(client) !== clock) this.authorship.claim(client, person)
      }
      this.authorship.recordDeletions(person, tr.deleteSet)
      this.authorship.provenance.takeLineage()
    })
  }

  /** Runs `change` as `person` (each person writes with a client id of their own). */
  as(person: string, change: (fragment: Y.XmlFragment) => void): this {
    let client = this.#clients.get(person)
    if (client === undefined) {
      client = 1000 + this.#clients.size
      this.#clients.set(person, client)
    }
    this.doc.clientID = client
    this.doc.transact(() => change(this.fragment), person)
    return this
  }

  /** A frozen copy of this moment's text and its encoded authorship, as a version stores them. */
  snapshot(): { doc: Y.Doc; authorship: Uint8Array } {
    const doc = new Y.Doc({ gc: true })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.doc))
    return { doc, authorship: this.authorship.encode() }
  }

  /** The XmlText of the block with passage id `blockId`. */
  text(blockId: string): Y.XmlText {
    const found = findBlock(this.fragment, blockId)
    if (!found) throw new Error(`no block ${blockId}`)
    return found.get(0) as Y.XmlText
  }

  block(blockId: string): Y.XmlElement {
    const found = findBlock(this.fragment, blockId)
    if (!found) throw new Error(`no block ${blockId}`)
    return found
  }
}

/** A textblock element with a passage id and text. */
export function block(blockId: string, text: string, node = 'paragraph', level?: number) {
  const element = new Y.XmlElement(node)
  element.setAttribute(BLOCK_ID_ATTRIBUTE, blockId)
  if (level !== undefined) element.setAttribute('level', level as unknown as string)
  element.insert(0, [new Y.XmlText(text)])
  return element
}

function findBlock(parent: Y.XmlFragment | Y.XmlElement, blockId: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.getAttribute(BLOCK_ID_ATTRIBUTE) === blockId) return child
    const inner = findBlock(child, blockId)
    if (inner) return inner
  }
  return null
}
