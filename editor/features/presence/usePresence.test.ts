import { describe, expect, it } from 'vitest'
import { listPresent } from './usePresence.ts'

describe('who is here', () => {
  it('[A6] lists each person once, yourself first, with the names the server set', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: 'p-b', name: 'Bram', color: '#a3271f', organisation: 'Gemeente Zwolle' } }],
      [2, { user: { id: 'p-a', name: 'Anna', color: '#0b5cad' } }],
      [3, { user: { id: 'p-b', name: 'Bram', color: '#a3271f' } }],
      [4, {}],
    ])
    const present = listPresent(states, 2)
    expect(present.map((p) => p.name)).toEqual(['Anna', 'Bram'])
    expect(present[0]?.isSelf).toBe(true)
    expect(present[1]?.organisation).toBe('Gemeente Zwolle')
  })
})
