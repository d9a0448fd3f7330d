import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { readAuthorship } from './AuthorshipRecord.ts'
import { IdentityMap } from './IdentityMap.ts'
import { block, TestDoc } from './TestDoc.ts'

/** A document whose text was typed, deleted and rebuilt (type changes, a split) by three people. */
function history(): TestDoc {
  const t = new TestDoc().as('anna', (f) =>
    f.insert(0, [block('p-1', 'Gemeenten nemen het voortouw'), block('p-2', 'in de transities')]),
  )
  const retype = (f: Y.XmlFragment, index: number, node: string, level?: number) => {
    const old = f.get(index) as Y.XmlElement
    const text = (old.get(0) as Y.XmlText).toString()
    const blockId = old.getAttribute('blockId') as string
    f.delete(index, 1)
    f.insert(index, [block(blockId, text, node, level)])
  }
  t.as('bram', (f) => retype(f, 0, 'heading', 2))
  t.as('carla', () => t.text('p-1').insert(10, 'echt '))
  t.as('bram', (f) => retype(f, 0, 'paragraph'))
  t.as('carla', () => t.text('p-2').delete(0, 3))
  t.as('anna', (f) => {
    f.delete(1, 1)
    f.insert(1, [block('p-2', 'de '), block('p-3', 'transities')])
  })
  t.as('bram', () => t.text('p-1').delete(0, 4))
  return t
}

/** Every id of the live text and of everything deleted, per character. */
function allIds(t: TestDoc): Array<{ client: number; clock: number }> {
  const ids: Array<{ client: number; clock: number }> = []
  for (const [client, structs] of t.doc.store.clients) {
    const last = structs[structs.length - 1]!
    for (let clock = 0; clock < last.id.clock + last.length; clock++) ids.push({ client, clock })
  }
  return ids
}

describe('identities by run', () => {
  it('[V3] map every character as the provenance record does, back and forward', () => {
    const t = history()
    const { provenance } = t.authorship
    expect(provenance.size).toBeGreaterThan(0)
    const map = IdentityMap.of(provenance)
    for (const id of allIds(t)) {
      const found: Array<[number, number]> = []
      map.originals(id.client, id.clock, 1, (_o, _l, client, clock) => found.push([client, clock]))
      const original = provenance.original(id)
      expect(found).toEqual([[original.client, original.clock]])
      found.length = 0
      map.latest(id.client, id.clock, 1, (_o, _l, client, clock) => found.push([client, clock]))
      const latest = provenance.latest(id)
      expect(found).toEqual([[latest.client, latest.clock]])
    }
  })

  it('[V3] a stored record read by run says what Authorship says', () => {
    const t = history()
    const { record, identities } = readAuthorship(t.authorship.encode())
    for (const id of allIds(t)) {
      expect(record.ownerOf(id.client)).toBe(t.authorship.ownerOf(id.client))
      expect(record.deleterOf(id.client, id.clock)).toBe(
        t.authorship.deleterOf(id.client, id.clock),
      )
      const original = t.authorship.provenance.original(id)
      identities.originals(id.client, id.clock, 1, (_o, _l, client, clock) =>
        expect({ client, clock }).toEqual(original),
      )
    }
  })
})
