import { describe, expect, it } from 'vitest'
import type { Person } from '../../lib/types.ts'
import { blockSummary, changeLabel, changeSummary } from './summary.ts'
import type { Change } from './types.ts'

const anna: Person = { id: 'p-anna', name: 'Anna', organisation: 'Gemeente Zwolle' }
const bram: Person = { id: 'p-bram', name: 'Bram', organisation: null }
const change = (type: Change['type'], by = anna): Change => ({
  type,
  text: 'x',
  blockId: 'p-1',
  by: [by],
})

describe('comparison summary', () => {
  it('[V3] counts insertions, deletions and authors in plain Dutch', () => {
    expect(changeSummary([change('insert'), change('insert', bram), change('delete')])).toBe(
      '2 invoegingen en 1 verwijdering door 2 auteurs',
    )
    expect(changeSummary([change('delete')])).toBe('1 verwijdering door 1 auteur')
    expect(changeSummary([])).toBe('Geen verschillen in de tekst')
  })

  it('[V3] names who did a change, with their organisation', () => {
    expect(changeLabel(change('insert'))).toBe('Ingevoegd door Anna (Gemeente Zwolle)')
    expect(changeLabel(change('delete', bram))).toBe('Verwijderd door Bram')
  })

  it('[C6][V3] an accepted amendment: proposed by the member, accepted by the editor', () => {
    const eva: Person = { id: 'p-eva', name: 'Eva', organisation: 'VNG' }
    expect(changeLabel({ ...change('insert'), acceptedBy: eva })).toBe(
      'Ingevoegd: voorgesteld door Anna (Gemeente Zwolle), overgenomen door Eva (VNG)',
    )
    expect(changeLabel({ ...change('delete'), acceptedBy: eva })).toBe(
      'Verwijderd: voorgesteld door Anna (Gemeente Zwolle), overgenomen door Eva (VNG)',
    )
  })

  it('[V3] says which blocks changed shape', () => {
    expect(blockSummary([])).toBeNull()
    expect(blockSummary([{ type: 'split' }, { type: 'added' }, { type: 'added' }])).toBe(
      "2 alinea's toegevoegd, 1 alinea gesplitst",
    )
  })
})
