import { describe, expect, it } from 'vitest'
import type { PersonRecord } from '../../lib/types.ts'
import { groupByProvince } from './groupByProvince.ts'

const person = (name: string, organisation: string | null, province: PersonRecord['province']) => ({
  id: name,
  name,
  organisation,
  province,
})

describe('people by province', () => {
  it('[R1] groups in the order of the twelve provinces, by organisation within (numbers as numbers), without one last', () => {
    const groups = groupByProvince([
      person('Zeger', 'Gemeente Zwolle', 'Overijssel'),
      person('Anna', 'Gemeente Deventer', 'Overijssel'),
      person('Eva', 'VNG', null),
      person('Gert', 'Gemeente Groningen', 'Groningen'),
      person('Lid 10', 'Gemeente 10', 'Limburg'),
      person('Lid 9', 'Gemeente 9', 'Limburg'),
    ])
    expect(groups.map((g) => [g.label, g.people.map((p) => p.name)])).toEqual([
      ['Groningen', ['Gert']],
      ['Overijssel', ['Anna', 'Zeger']],
      ['Limburg', ['Lid 9', 'Lid 10']],
      ['Zonder provincie', ['Eva']],
    ])
  })
})
