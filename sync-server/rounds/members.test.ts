import { describe, expect, it } from 'vitest'
import type { PersonRecord } from '../persistence/Storage.ts'
import { memberOrganisations, responseCounts } from './members.ts'

let n = 0
const person = (fields: Partial<PersonRecord>): PersonRecord => ({
  id: `p-${++n}`,
  name: 'Iemand',
  role: 'reviewer',
  proposals: ['voorstel-1'],
  organisation: null,
  province: null,
  color: '#000000',
  tokenHash: '',
  isAdmin: false,
  createdAt: '2027-01-01T00:00:00Z',
  createdBy: null,
  revokedAt: null,
  ...fields,
})

describe('member organisations (R5)', () => {
  it('[R5] leaves out the editors’ own organisations, whatever their spelling, and those who may not see the proposal', () => {
    const people = [
      person({ role: 'editor', organisation: 'VNG-redactie' }),
      person({ role: 'writer', organisation: ' vng' }),
      person({ organisation: 'VNG-redactie' }),
      person({ organisation: 'Gemeente Urk', province: 'Flevoland' }),
      person({ organisation: 'Gemeente Elders', proposals: ['voorstel-2'] }),
      person({ organisation: 'Gemeente Ede', revokedAt: '2027-01-02T00:00:00Z' }),
      person({ organisation: 'Gemeente Epe', anonymisedAt: '2027-01-02T00:00:00Z' }),
      person({ organisation: null }),
    ]
    const members = memberOrganisations(people, 'voorstel-1', new Map())
    expect(members).toEqual([
      { organisation: 'Gemeente Urk', province: 'Flevoland', responded: false },
    ])
    expect(responseCounts(members)).toEqual({ responded: 0, invited: 1 })
  })

  it('[R5] the province most of an organisation’s people have, or the one its position named; an answer keeps it a member', () => {
    const people = [
      person({ organisation: 'Gemeente Zwolle', province: 'Overijssel' }),
      person({ organisation: 'Gemeente Zwolle', province: 'Gelderland' }),
      person({ organisation: 'Gemeente Zwolle', province: 'Gelderland' }),
      person({ organisation: 'Gemeente Urk', province: 'Flevoland' }),
    ]
    const answered = new Map([
      ['Gemeente Urk', 'Flevoland'],
      ['Gemeente Ede', 'Gelderland'],
      ['VNG', null],
    ])
    expect(memberOrganisations(people, 'voorstel-1', answered)).toEqual([
      { organisation: 'Gemeente Ede', province: 'Gelderland', responded: true },
      { organisation: 'Gemeente Urk', province: 'Flevoland', responded: true },
      { organisation: 'Gemeente Zwolle', province: 'Gelderland', responded: false },
    ])
  })
})
