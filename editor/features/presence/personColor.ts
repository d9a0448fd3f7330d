/**
 * Caret colours, each dark enough for white text on it (contrast ≥ 4.5:1) and
 * apart from each other. Colour is never the only sign: carets carry the name.
 */
export const CARET_COLORS = [
  '#0b5cad',
  '#a3271f',
  '#1f6b36',
  '#6b3fa0',
  '#8a4b00',
  '#00687a',
  '#9b1d6a',
  '#4d5b16',
] as const

/**
 * A stable colour for a person. The server sets the colour others see (A6);
 * this one is for the local awareness state, which the caret extension needs.
 */
export function colorForPerson(personId: string): string {
  let hash = 0
  for (const char of personId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return CARET_COLORS[hash % CARET_COLORS.length] ?? CARET_COLORS[0]
}

/** Black or white, whichever reads better on `background` (`#rrggbb`). */
export function textColorOn(background: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background)
  if (!match) return '#ffffff'
  const [r, g, b] = match.slice(1).map((hex) => {
    const c = Number.parseInt(hex, 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // White wins when its contrast (1.05 / (L + 0.05)) beats black's ((L + 0.05) / 0.05).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000'
}
