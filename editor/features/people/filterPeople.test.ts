import { describe, expect, it } from 'vitest'
import { filterPeople, NO_FILTER, organisationsOf } from './filterPeople.ts'
import type { PersonRow } from './personRow.ts'

const people: PersonRow[] = [
  {
    id: 'a',
    name: 'Anna de Vries',
    email: 'anna@urk.nl',
    organisation: 'Gemeente Urk',
    province: 'Flevoland',
    role: 'reviewer',
  },
  {
    id: 'b',
    name: 'Bram Jansen',
    email: 'bram@ede.nl',
    organisation: 'Gemeente Ede',
    province: 'Gelderland',
    role: 'writer',
  },
  {
    id: 'c',
    name: 'Carla',
    email: null,
    organisation: 'Gemeente Urk',
    province: 'Flevoland',
    role: 'reviewer',
  },
]

describe('filtering people', () => {
  it('[M1] searches name, e-mail and organisation by every word; filters by role, province, organisation and response', () => {
    const ids = (filter: Partial<typeof NO_FILTER>, responses = {}) =>
      filterPeople(people, { ...NO_FILTER, ...filter }, responses).map((p) => p.id)
    expect(ids({})).toEqual(['a', 'b', 'c'])
    expect(ids({ search: 'urk' })).toEqual(['a', 'c'])
    expect(ids({ search: 'anna urk' })).toEqual(['a'])
    expect(ids({ search: 'EDE.NL' })).toEqual(['b'])
    expect(ids({ role: 'writer' })).toEqual(['b'])
    expect(ids({ province: 'Flevoland' })).toEqual(['a', 'c'])
    expect(ids({ organisation: 'Gemeente Ede' })).toEqual(['b'])
    const responses = { a: 'responded', c: 'waiting' } as const
    expect(ids({ response: 'waiting' }, responses)).toEqual(['c'])
    expect(ids({ response: 'responded' }, responses)).toEqual(['a'])
    expect(organisationsOf(people)).toEqual(['Gemeente Ede', 'Gemeente Urk'])
  })
})
