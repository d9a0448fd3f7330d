import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isRedundantFormatting } from './redundantFormatting.ts'
import { noveltyOf } from './updateNovelty.ts'

/** A server document and a client that holds the same text, bold and a deletion. */
function pair() {
  const server = new Y.Doc()
  const block = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  block.insert(0, [text])
  server.getXmlFragment('default').insert(0, [block])
  text.insert(0, 'Gemeenten nemen samen het voortouw')
  text.format(0, 9, { bold: {} })
  text.delete(16, 6)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

const textOf = (doc: Y.Doc) =>
  (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText

/** What the client's sync step 2 would carry, decoded as the server inspects it. */
function stepTwo(server: Y.Doc, client: Y.Doc) {
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
  const reachesBeyond = structs.some(
    (s) => s.id.clock + s.length > Y.getState(server.store, s.id.client),
  )
  return noveltyOf(server, reachesBeyond, ds)
}

describe('[S7] what an update adds', () => {
  it('[S7] a sync step 2 of what the server holds, its whole delete set included, adds nothing', () => {
    const { server, client } = pair()
    expect(
      Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))).ds.clients.size,
    ).toBe(1)
    expect(stepTwo(server, client)).toEqual({ kind: 'nothing' })
  })

  it('[S7] a new deletion is one, with the items it deletes; a new struct is content', () => {
    const { server, client } = pair()
    textOf(client).delete(0, 3)
    const deletions = stepTwo(server, client)
    expect(deletions.kind).toBe('deletions')
    textOf(client).insert(0, 'Alle ')
    expect(stepTwo(server, client)).toEqual({ kind: 'content' })
  })

  it('[S7][S8] deleting a duplicate italic marker changes nothing; deleting the only one does', () => {
    const { server } = pair()
    // Two bolds of overlapping words made apart, merged in one local transaction:
    // the second "bold on" follows the first with nothing between them.
    const base = Y.encodeStateAsUpdate(server)
    const updates = [15, 19].map((end) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, base)
      const before = Y.encodeStateVector(copy)
      textOf(copy).format(11, end - 11, { italic: {} })
      return Y.encodeStateAsUpdate(copy, before)
    })
    server.transact(() => {
      for (const update of updates) Y.applyUpdate(server, update)
    })
    const markers: Y.Item[] = []
    for (let item = textOf(server)._start; item; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentFormat && item.content.key === 'italic')
        markers.push(item)
    }
    const [first, second] = markers
    expect(isRedundantFormatting([second!])).toBe(true)
    expect(isRedundantFormatting([first!, second!])).toBe(false)
    const word = textOf(server)._start!
    expect(isRedundantFormatting([word])).toBe(false)
  })
})
