import type { JSONContent } from '@tiptap/core'
import { Node } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDocument } from './readDocument.ts'
import { brokenParents, repairParents } from './repairMerge.ts'
import { docOf, fragmentOf, li, p, rules, schema, ul, updateOf, yDocOf } from './testDocs.ts'

/** Applies `update` to `doc` and repairs what it broke; returns how many parents were broken. */
function applyAndRepair(doc: Y.Doc, update: Uint8Array): number {
  let tr: Y.Transaction | null = null
  doc.once('afterTransaction', (t: Y.Transaction) => {
    tr = t
  })
  Y.applyUpdate(doc, update)
  const broken = brokenParents(tr as unknown as Y.Transaction, fragmentOf(doc), rules)
  if (broken.length > 0) doc.transact(() => repairParents(broken, fragmentOf(doc), rules))
  return broken.length
}

const read = (doc: Y.Doc) => readDocument(fragmentOf(doc), rules)
/** ProseMirror's own JSON of a document (defaults filled in). */
const json = (content: JSONContent) => Node.fromJSON(schema, content).toJSON()

describe('repairMerge', () => {
  it('[S9] a list both writers emptied goes; the text around it stays', () => {
    const base = yDocOf(docOf(p('voor'), ul(li(p('een')), li(p('twee'))), p('na')))
    const list = (f: Y.XmlFragment) => f.get(1) as Y.XmlElement
    const a = updateOf(base, (f) => list(f).delete(0, 1))
    const b = updateOf(base, (f) => list(f).delete(1, 1))
    expect(applyAndRepair(base, a.update)).toBe(0)
    expect(applyAndRepair(base, b.update)).toBe(1)
    const doc = read(base)
    doc.check()
    expect(doc.toJSON()).toEqual(json(docOf(p('voor'), p('na'))))
  })

  it('[S9] one writer deleting every item of a list, or every block, leaves valid text', () => {
    const withList = yDocOf(docOf(p('voor'), ul(li(p('een')), li(p('twee'))), p('na')))
    const items = updateOf(withList, (f) => (f.get(1) as Y.XmlElement).delete(0, 2))
    expect(applyAndRepair(withList, items.update)).toBe(1)
    expect(read(withList).toJSON()).toEqual(json(docOf(p('voor'), p('na'))))
    const whole = yDocOf(docOf(p('een'), p('twee')))
    const blocks = updateOf(whole, (f) => f.delete(0, 2))
    expect(applyAndRepair(whole, blocks.update)).toBe(1)
    read(whole).check()
    expect(read(whole).toJSON()).toEqual(json(docOf(p())))
  })

  it('[S9] a list that is the whole text keeps one empty item', () => {
    const base = yDocOf(docOf(ul(li(p('een')), li(p('twee')))))
    const list = (f: Y.XmlFragment) => f.get(0) as Y.XmlElement
    const a = updateOf(base, (f) => list(f).delete(0, 1))
    const b = updateOf(base, (f) => list(f).delete(1, 1))
    applyAndRepair(base, a.update)
    expect(applyAndRepair(base, b.update)).toBe(1)
    read(base).check()
    expect(read(base).toJSON()).toEqual(json(docOf(ul(li(p())))))
  })

  it('[S9] a list item that lost its first paragraph to a concurrent edit gets an empty one', () => {
    const base = yDocOf(docOf(ul(li(p('een'), p('twee')))))
    const item = (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).get(0) as Y.XmlElement
    const deletion = updateOf(base, (f) => item(f).delete(0, 1))
    const nested = updateOf(base, (f) => {
      const inner = new Y.XmlElement('bulletList')
      const innerItem = new Y.XmlElement('listItem')
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('sub')])
      innerItem.insert(0, [paragraph])
      inner.insert(0, [innerItem])
      item(f).insert(1, [inner])
    })
    expect(applyAndRepair(base, deletion.update)).toBe(0)
    expect(applyAndRepair(base, nested.update)).toBe(1)
    const doc = read(base)
    doc.check()
    expect(doc.toJSON()).toEqual(json(docOf(ul(li(p(), ul(li(p('sub'))), p('twee'))))))
  })

  it('[S9] a valid transaction is left alone', () => {
    const base = yDocOf(docOf(p('een')))
    const typed = updateOf(base, (f) =>
      ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, '!'),
    )
    expect(applyAndRepair(base, typed.update)).toBe(0)
  })
})
