import { describe, expect, it } from 'vitest'
import { unchangedEnds } from './suggestionDecorations.ts'

describe('what a suggestion shows as changed', () => {
  it('shows whole words, and only the words that differ', () => {
    const shown = (quote: string, replacement: string) => {
      const [p, s] = unchangedEnds(quote, replacement)
      return [quote.slice(p, quote.length - s), replacement.slice(p, replacement.length - s)]
    }
    expect(shown('de scherpere vorm', 'de duidelijke vorm')).toEqual(['scherpere', 'duidelijke'])
    expect(shown('scherpere', 'duidelijke')).toEqual(['scherpere', 'duidelijke'])
    expect(shown('een groot plan', 'een grote plan')).toEqual(['groot', 'grote'])
    expect(shown('Eerste.\nTweede.', 'Eerste.Tweede.')).toEqual(['\n', ''])
    expect(shown('de grote transities', 'de transities')).toEqual(['grote ', ''])
  })
})
