import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { unsentPassages, unsentText } from './unsentEdits.ts'

/** A document with paragraphs `[blockId, text]` in the fragment `default`. */
function docWith(paragraphs: Array<[string, string]>): Y.Doc {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('default')
  for (const [id, text] of paragraphs) {
    const p = new Y.XmlElement('paragraph')
    p.setAttribute('blockId', id)
    p.insert(0, [new Y.XmlText(text)])
    fragment.push([p])
  }
  return doc
}

/** A copy of `doc` as another replica (the browser), synced up to now. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

const textOf = (doc: Y.Doc, index: number) =>
  (doc.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText

describe('unsent edits', () => {
  it('[S5] names the passages only this browser changed or removed, as this browser has them', () => {
    const server = docWith([
      ['p-a', 'Eerste.'],
      ['p-b', 'Tweede.'],
      ['p-c', 'Derde.'],
    ])
    const browser = replicaOf(server)
    textOf(browser, 0).insert(7, ' Niet bewaard.')
    browser.getXmlFragment('default').delete(2, 1)
    // Someone else's edit the browser never received: no unsent edit of this person.
    textOf(server, 1).insert(0, 'Echt ')
    const unsent = unsentPassages(Y.encodeStateAsUpdate(server), Y.encodeStateAsUpdate(browser))
    expect(unsent).toEqual([
      { blockId: 'p-a', text: 'Eerste. Niet bewaard.', removed: false },
      { blockId: 'p-c', text: 'Derde.', removed: true },
    ])
    expect(unsentText(unsent)).toBe('Eerste. Niet bewaard.')
  })

  it('[S5] nothing is unsent when the server has every edit of this browser', () => {
    const server = docWith([['p-a', 'Eerste.']])
    const browser = replicaOf(server)
    textOf(browser, 0).insert(0, 'Al verstuurd: ')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(browser))
    textOf(server, 0).insert(0, 'Nieuwer. ')
    expect(unsentPassages(Y.encodeStateAsUpdate(server), Y.encodeStateAsUpdate(browser))).toEqual(
      [],
    )
  })

  it('[S5] a new passage without an id yet counts when it holds text', () => {
    const server = docWith([['p-a', 'Eerste.']])
    const browser = replicaOf(server)
    const fragment = browser.getXmlFragment('default')
    for (const text of ['Nieuw.', '']) {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(text)])
      fragment.push([p])
    }
    expect(unsentPassages(Y.encodeStateAsUpdate(server), Y.encodeStateAsUpdate(browser))).toEqual([
      { blockId: null, text: 'Nieuw.', removed: false },
    ])
  })
})
