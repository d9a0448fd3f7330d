import { describe, expect, it } from 'vitest'
import { commonEnds, countCharacters, sliceWhole } from './codePoints.ts'

describe('code points', () => {
  it('counts an emoji, a flag and a combining mark as people see the code points', () => {
    expect(countCharacters('abc')).toBe(3)
    expect(countCharacters('😀')).toBe(1)
    expect(countCharacters('e\u0301')).toBe(2)
    expect(countCharacters('')).toBe(0)
  })

  it('never cuts a surrogate pair; cuts elsewhere as slice does', () => {
    expect(sliceWhole('ab😀cd', 3)).toBe('ab')
    expect(sliceWhole('ab😀cd', 4)).toBe('ab😀')
    expect(sliceWhole('abcdef', 3)).toBe('abc')
    expect(sliceWhole('ab', 10)).toBe('ab')
  })

  it('finds common ends in whole characters, without overlap', () => {
    expect(commonEnds('😀', '😃')).toEqual({ prefix: 0, suffix: 0 })
    expect(commonEnds('a😀b', 'a🐀b')).toEqual({ prefix: 1, suffix: 1 })
    expect(commonEnds('aaa', 'aa')).toEqual({ prefix: 2, suffix: 0 })
    expect(commonEnds('De raad', 'De rada')).toEqual({ prefix: 5, suffix: 0 })
  })
})
