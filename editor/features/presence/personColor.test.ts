import { describe, expect, it } from 'vitest'
import { CARET_COLORS, colorForPerson, textColorOn } from './personColor.ts'

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

describe('caret colours', () => {
  it('carry white name labels with at least 4.5:1 contrast', () => {
    for (const color of CARET_COLORS) {
      expect(textColorOn(color)).toBe('#ffffff')
      expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('are stable per person', () => {
    expect(colorForPerson('p-1')).toBe(colorForPerson('p-1'))
  })

  it('pick black text on a light colour', () => {
    expect(textColorOn('#ffdd00')).toBe('#000000')
  })
})
