/** Carets for presence tests (contract A7). */

/**
 * A well-formed caret told apart by `n`: at the start of the `default`
 * fragment, with `n` as its side (any whole number is one).
 */
export function caret(n: number) {
  const position = { type: null, tname: 'default', item: null, assoc: n }
  return { anchor: position, head: position }
}
