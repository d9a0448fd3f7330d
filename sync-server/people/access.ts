/** Which proposals one set of proposals covers (A5): `"*"` covers every list. */

/** True when every proposal of `wanted` is within `own`. */
export function within(own: '*' | string[], wanted: '*' | string[]): boolean {
  if (own === '*') return true
  return wanted !== '*' && wanted.every((id) => own.includes(id))
}
