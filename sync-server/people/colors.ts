/**
 * Caret colours: dark enough that white text on them passes WCAG AA (4.5:1),
 * so names on carets stay readable.
 */
export const CARET_COLORS = [
  '#1f5f8b',
  '#a4343a',
  '#2e6b30',
  '#6b2c91',
  '#8a3b12',
  '#005f73',
  '#3d4db7',
  '#8c2f5c',
  '#4a5a1c',
  '#5c4a00',
] as const

/** The colour for the n-th person. */
export function colorFor(index: number): string {
  return CARET_COLORS[index % CARET_COLORS.length]!
}
