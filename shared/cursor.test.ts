import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isWellFormedCursor } from './cursor.ts'

describe('isWellFormedCursor', () => {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('default')
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText('hallo')
  paragraph.insert(0, [text])
  fragment.insert(0, [paragraph])
  const inText = Y.createRelativePositionFromTypeIndex(text, 2)
  const atEnd = Y.createRelativePositionFromTypeIndex(fragment, 1)

  it('[A7] takes what y-tiptap sends: positions as JSON, or as objects serialised', () => {
    for (const position of [inText, atEnd]) {
      const asJson = Y.relativePositionToJSON(position)
      const asObject = JSON.parse(JSON.stringify(position))
      expect(isWellFormedCursor({ anchor: asJson, head: asJson })).toBe(true)
      expect(isWellFormedCursor({ anchor: asObject, head: asJson })).toBe(true)
    }
    expect(isWellFormedCursor(null)).toBe(true)
  })

  it('[A7] refuses every other shape', () => {
    const good = Y.relativePositionToJSON(inText)
    const bad = [
      {},
      { anchor: {}, head: {} },
      { anchor: good },
      { anchor: good, head: good, extra: 1 },
      { anchor: 1, head: 2 },
      { anchor: { ...good, tname: 'geheim', type: undefined }, head: good },
      { anchor: { tname: 'default', item: { client: -1, clock: 0 } }, head: good },
      { anchor: { tname: 'default', item: { client: 1, clock: 0.5 } }, head: good },
      { anchor: { tname: 'default', assoc: 'links' }, head: good },
      { anchor: { tname: 'default', x: 1 }, head: good },
      { anchor: { type: { client: 1 } }, head: good },
      { anchor: { type: null, tname: null, item: null, assoc: 0 }, head: good },
      'cursor',
      [good, good],
    ]
    for (const cursor of bad) expect(isWellFormedCursor(cursor), JSON.stringify(cursor)).toBe(false)
  })
})
