import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffDocuments } from './diffDocuments.ts'
import { IdentityMap } from './IdentityMap.ts'
import { block, TestDoc } from './TestDoc.ts'

/** Compares a snapshot with the live test document, as `?against=current` does. */
function compare(older: { doc: Y.Doc }, newer: TestDoc) {
  const { authorship } = newer
  const identities = IdentityMap.of(authorship.provenance)
  return diffDocuments(older.doc.getXmlFragment('default'), newer.fragment, authorship, identities)
}

/** Replaces a block by a rebuilt copy in one transaction, the way y-tiptap does. */
function rebuild(parent: Y.XmlFragment, index: number, replacement: Y.XmlElement[]) {
  parent.delete(index, 1)
  parent.insert(index, replacement)
}

describe('comparison by character identity', () => {
  it('[V3] names each person for their own insertions and deletions', () => {
    const t = new TestDoc().as('anna', (f) =>
      f.insert(0, [block('p-1', 'Gemeenten nemen het voortouw.')]),
    )
    const a = t.snapshot()
    t.as('bram', () => t.text('p-1').insert(20, 'samen '))
    t.as('anna', () => t.text('p-1').delete(10, 6)) // "nemen "
    const diff = compare(a, t)
    expect(diff.changes).toEqual([
      { type: 'delete', text: 'nemen ', blockId: 'p-1', by: 'anna' },
      { type: 'insert', text: 'samen ', blockId: 'p-1', by: 'bram' },
    ])
    expect(diff.inserted).toBe(6)
    expect(diff.deleted).toBe(6)
    expect(diff.blocks).toEqual([])
    expect(diff.view[0]!.parts.map((p) => p.text).join('')).toBe(
      'Gemeenten nemen het samen voortouw.',
    )
  })

  it('[V3] a deletion of text someone else wrote names who deleted it, not who wrote it', () => {
    const t = new TestDoc().as('anna', (f) => f.insert(0, [block('p-1', 'een twee drie')]))
    const a = t.snapshot()
    t.as('carla', () => t.text('p-1').delete(3, 5))
    expect(compare(a, t).changes).toEqual([
      { type: 'delete', text: ' twee', blockId: 'p-1', by: 'carla' },
    ])
  })

  it('[V3] a one-word edit in a long text is one change of one word', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `woord${i}`)
    const t = new TestDoc().as('anna', (f) => {
      for (let i = 0; i < 30; i++)
        f.insert(i, [block(`p-${i}`, words.slice(i * 100, i * 100 + 100).join(' '))])
    })
    const a = t.snapshot()
    t.as('bram', () => t.text('p-17').insert(0, 'Nieuw '))
    const diff = compare(a, t)
    expect(diff.changes).toEqual([{ type: 'insert', text: 'Nieuw ', blockId: 'p-17', by: 'bram' }])
  })

  it('[V3][B1] text an editor rebuilt (type change, split, join) is no change of text', () => {
    const t = new TestDoc().as('anna', (f) =>
      f.insert(0, [block('p-1', 'Eerste alinea'), block('p-2', 'Tweede alinea')]),
    )
    const a = t.snapshot()
    t.as('bram', (f) => rebuild(f, 0, [block('p-1', 'Eerste alinea', 'heading', 2)]))
    t.as('bram', (f) => rebuild(f, 1, [block('p-2', 'Tweede '), block('p-3', 'alinea')]))
    let diff = compare(a, t)
    expect(diff.changes).toEqual([])
    expect(diff.blocks).toEqual([
      {
        type: 'type',
        blockId: 'p-1',
        before: { node: 'paragraph', level: null },
        after: { node: 'heading', level: 2 },
      },
      { type: 'split', blockId: 'p-3', from: 'p-2' },
    ])
    const b = t.snapshot()
    t.as('carla', (f) => {
      f.delete(1, 2)
      f.insert(1, [block('p-2', 'Tweede alinea')])
    })
    diff = compare(b, t)
    expect(diff.changes).toEqual([])
    expect(diff.blocks).toEqual([{ type: 'joined', blockId: 'p-3', into: 'p-2' }])
  })

  it('[V3] blocks added and removed are shown as such, with their text', () => {
    const t = new TestDoc().as('anna', (f) =>
      f.insert(0, [block('p-1', 'Blijft'), block('p-2', 'Gaat weg')]),
    )
    const a = t.snapshot()
    t.as('bram', (f) => {
      f.delete(1, 1)
      f.insert(0, [block('p-9', 'Nieuw')])
    })
    const diff = compare(a, t)
    expect(diff.changes).toEqual([
      { type: 'insert', text: 'Nieuw', blockId: 'p-9', by: 'bram' },
      { type: 'delete', text: 'Gaat weg', blockId: 'p-2', by: 'bram' },
    ])
    expect(diff.blocks).toEqual([
      { type: 'added', blockId: 'p-9' },
      { type: 'removed', blockId: 'p-2' },
    ])
    expect(diff.view.map((v) => [v.blockId, v.block])).toEqual([
      ['p-9', 'added'],
      ['p-1', undefined],
      ['p-2', 'removed'],
    ])
  })

  it('[V3] text rebuilt and later deleted names the person who deleted it last', () => {
    const t = new TestDoc().as('anna', (f) => f.insert(0, [block('p-1', 'Tekst van Anna')]))
    const a = t.snapshot()
    t.as('bram', (f) => rebuild(f, 0, [block('p-1', 'Tekst van Anna', 'heading', 1)]))
    t.as('carla', () => t.text('p-1').delete(5, 4))
    const diff = compare(a, t)
    expect(diff.changes).toEqual([{ type: 'delete', text: ' van', blockId: 'p-1', by: 'carla' }])
  })

  it('[V3] text deleted and put back at the same place (an undo) is no change; a real replacement is', () => {
    const t = new TestDoc().as('anna', (f) => f.insert(0, [block('p-1', 'een twee drie')]))
    const a = t.snapshot()
    const undo = new Y.UndoManager(t.fragment, { trackedOrigins: new Set(['bram']) })
    t.as('bram', () => t.text('p-1').delete(4, 5))
    t.as('bram', () => undo.undo())
    expect(t.text('p-1').toString()).toBe('een twee drie')
    let diff = compare(a, t)
    expect(diff.changes).toEqual([])
    expect([diff.inserted, diff.deleted]).toEqual([0, 0])
    expect(diff.view[0]!.parts).toEqual([{ text: 'een twee drie' }])
    // The twin: other text in the same place stays a deletion and an insertion.
    t.as('carla', () => {
      t.text('p-1').delete(9, 4)
      t.text('p-1').insert(9, 'vier')
    })
    diff = compare(a, t)
    expect(diff.changes).toEqual([
      { type: 'delete', text: 'drie', blockId: 'p-1', by: 'carla' },
      { type: 'insert', text: 'vier', blockId: 'p-1', by: 'carla' },
    ])
  })
})
