import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LinearText } from './LinearText.ts'
import { planReplacement } from './replaceText.ts'

/** A document of one paragraph, the replacement applied, and the Yjs text it leaves. */
function replaceIn(text: string, from: number, to: number, replacement: string) {
  const doc = new Y.Doc()
  const block = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  content.insert(0, text)
  block.insert(0, [content])
  doc.getXmlFragment('default').insert(0, [block])
  const plan = planReplacement(new LinearText(doc.getXmlFragment('default')), from, to, replacement)
  if (!plan) throw new Error('no plan')
  doc.transact(plan.apply)
  // Read back from a replica, as every other client and the store see it.
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  return {
    text: new LinearText(replica.getXmlFragment('default')).value,
    plan,
  }
}

describe('planReplacement', () => {
  it('[C6] replaces an emoji by another that shares its first UTF-16 unit, whole', () => {
    const { text, plan } = replaceIn('Goed 😀 zo', 5, 7, '😃')
    expect(text).toBe('Goed 😃 zo')
    expect(text).not.toContain('\uFFFD')
    expect(plan).toMatchObject({ from: 5, to: 7 })
  })

  it('[C6] replaces an emoji by another that shares its last UTF-16 unit, whole', () => {
    // U+1F600 and U+1F200 end in the same low surrogate \uDE00.
    const other = '\u{1F200}'
    expect('😀'.charCodeAt(1)).toBe(other.charCodeAt(1))
    const { text } = replaceIn('a😀b', 1, 3, other)
    expect(text).toBe(`a${other}b`)
  })

  it('[C6] keeps the emoji both texts share and changes only what differs', () => {
    expect(replaceIn('👍 akkoord', 0, 10, '👍 niet akkoord').text).toBe('👍 niet akkoord')
    expect(replaceIn('x😀', 0, 3, '😀').text).toBe('😀')
    expect(replaceIn('😀', 0, 2, '😃😀').text).toBe('😃😀')
  })

  it('[C6] combining marks stay valid text: é (e + U+0301) becomes è (e + U+0300)', () => {
    const { text } = replaceIn('cafe\u0301', 0, 5, 'cafe\u0300')
    expect(text).toBe('cafe\u0300')
    expect(text.normalize('NFC')).toBe('cafè')
  })

  it('[C6] ordinary text is still changed minimally: only the differing characters', () => {
    const doc = new Y.Doc()
    const block = new Y.XmlElement('paragraph')
    const content = new Y.XmlText()
    content.insert(0, 'De raad besluit')
    block.insert(0, [content])
    doc.getXmlFragment('default').insert(0, [block])
    const deleted: number[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      tr.deleteSet.clients.forEach((items) => {
        for (const item of items) deleted.push(item.len)
      })
    })
    const plan = planReplacement(new LinearText(doc.getXmlFragment('default')), 3, 7, 'road')
    doc.transact(plan!.apply)
    expect(new LinearText(doc.getXmlFragment('default')).value).toBe('De road besluit')
    expect(deleted).toEqual([1])
  })
})
