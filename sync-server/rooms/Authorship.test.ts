import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Authorship } from './Authorship.ts'

/** The delete set of one transaction that deletes `length` items from `start`. */
function deletionOf(text: Y.Text, start: number, length: number): Y.Transaction['deleteSet'] {
  let deleteSet: Y.Transaction['deleteSet'] | null = null
  text.doc!.once('afterTransaction', (tr: Y.Transaction) => {
    deleteSet = tr.deleteSet
  })
  text.delete(start, length)
  return deleteSet!
}

describe('Authorship', () => {
  it('[B1] keeps who owns each client id and who deleted what, through encode and decode', () => {
    const doc = new Y.Doc()
    doc.clientID = 7
    const text = doc.getText('t')
    text.insert(0, 'abcdefghij')
    const authorship = new Authorship()
    authorship.claim(7, 'anna')
    authorship.claim(9, 'bram')
    authorship.recordDeletions('bram', deletionOf(text, 2, 3))
    authorship.recordDeletions('carla', deletionOf(text, 0, 1))

    const copy = Authorship.decode(authorship.encode())
    expect(copy.ownerOf(7)).toBe('anna')
    expect(copy.ownerOf(9)).toBe('bram')
    expect(copy.ownerOf(8)).toBeUndefined()
    expect([0, 1, 2, 3, 4, 5].map((clock) => copy.deleterOf(7, clock))).toEqual([
      'carla',
      undefined,
      'bram',
      'bram',
      'bram',
      undefined,
    ])
  })

  it('[B1] refuses a client id that another person already owns', () => {
    const authorship = new Authorship()
    authorship.claim(1, 'anna')
    expect(() => authorship.claim(1, 'anna')).not.toThrow()
    expect(() => authorship.claim(1, 'bram')).toThrow(/another person/)
  })

  it('rejects data that is not an authorship record', () => {
    expect(() => Authorship.decode(new Uint8Array([9, 9, 9]))).toThrow()
  })
})
