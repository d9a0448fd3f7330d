/**
 * Text as people count it. JavaScript strings are UTF-16: an emoji or any
 * character outside the Basic Multilingual Plane is two units (a surrogate
 * pair), and cutting between them leaves broken text (Yjs stores the halves as
 * U+FFFD). These helpers never cut a pair in two and count it as one.
 */

/** True for the first unit of a surrogate pair. */
export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

/** True for the second unit of a surrogate pair. */
export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

/**
 * `text.slice(0, end)`, one unit shorter when `end` would fall inside a
 * surrogate pair, so no character is cut in half.
 */
export function sliceWhole(text: string, end: number): string {
  const safe =
    end > 0 && end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end
  return text.slice(0, safe)
}

/** The number of characters (code points): an emoji counts once. */
export function countCharacters(text: string): number {
  let count = 0
  // A string iterates by code point.
  for (const _ of text) count++
  return count
}

/**
 * The units `a` and `b` share at their start and at their end, in whole
 * characters: the common prefix never ends and the common suffix never starts
 * inside a surrogate pair, and the two never overlap.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  if (prefix > 0 && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--
  let suffix = 0
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++
  if (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--
  return { prefix, suffix }
}
