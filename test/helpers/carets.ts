/** Carets for presence tests (contract A7), and reading the presence frames a client sends. */
import * as decoding from 'lib0/decoding'

/**
 * A well-formed caret told apart by `n`: at the start of the `default`
 * fragment, with `n` as its side (any whole number is one).
 */
export function caret(n: number) {
  const position = { type: null, tname: 'default', item: null, assoc: n }
  return { anchor: position, head: position }
}

/** The client ids of an awareness frame (type 1), or null for another frame. */
export function awarenessIdsOf(data: Uint8Array): number[] | null {
  const decoder = decoding.createDecoder(data)
  if (decoding.readVarUint(decoder) !== 1) return null
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const ids: number[] = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    ids.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return ids
}
