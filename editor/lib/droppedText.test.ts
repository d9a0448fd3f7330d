import { describe, expect, it } from 'vitest'
import { droppedText } from './droppedText.ts'

describe('what was not kept, in Dutch', () => {
  it('[W1] counts each kind with its singular or plural, and the verb follows the total', () => {
    expect(
      droppedText([
        { what: 'image', count: 2 },
        { what: 'textbox', count: 1 },
      ]),
    ).toBe(
      '2 afbeeldingen en 1 tekstvak zijn niet overgenomen. De tekst uit een tekstvak staat als gewone alinea in het voorstel.',
    )
    expect(droppedText([{ what: 'comment', count: 1 }])).toBe('1 opmerking is niet overgenomen.')
    expect(
      droppedText([
        { what: 'image', count: 1 },
        { what: 'trackedChange', count: 3 },
        { what: 'headerFooter', count: 2 },
      ]),
    ).toBe(
      '1 afbeelding, 3 bijgehouden wijzigingen en 2 kop- en voetteksten zijn niet overgenomen. De tekst staat erin zoals na het aanvaarden van alle wijzigingen.',
    )
  })

  it('[W1] says nothing when everything was kept, and names a kind it does not know plainly', () => {
    expect(droppedText([])).toBeNull()
    expect(droppedText([{ what: 'image', count: 0 }])).toBeNull()
    expect(droppedText([{ what: 'smartArt', count: 2 }])).toBe(
      '2 andere onderdelen zijn niet overgenomen.',
    )
  })
})
