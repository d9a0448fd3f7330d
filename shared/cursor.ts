/**
 * The one caret shape presence may carry (contract A7): `cursor` is null or
 * `{anchor, head}`, each a Yjs relative position in the `default` fragment as
 * y-tiptap's caret plugin sends it — `Y.relativePositionToJSON` output, or the
 * `RelativePosition` object itself serialised (then absent fields are null).
 * The server passes on nothing else; the editor draws nothing else.
 */
import { FRAGMENT_NAME } from './schema.ts'

/** A Yjs id as JSON. */
export interface IdJson {
  client: number
  clock: number
}

/** A relative position as JSON: a type (by id or root name), maybe an item, and a side. */
export interface RelativePositionJson {
  type?: IdJson | null
  tname?: string | null
  item?: IdJson | null
  assoc?: number | null
}

/** A caret: where the selection starts (`anchor`) and where it ends (`head`). */
export interface CursorJson {
  anchor: RelativePositionJson
  head: RelativePositionJson
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const hasOnly = (value: Record<string, unknown>, keys: readonly string[]) =>
  Object.keys(value).every((key) => keys.includes(key))

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0

/** True for `{client, clock}` with whole, non-negative numbers and nothing else. */
export function isIdJson(value: unknown): value is IdJson {
  return (
    isRecord(value) &&
    hasOnly(value, ['client', 'clock']) &&
    isCount(value.client) &&
    isCount(value.clock)
  )
}

/** True for a relative position in the `default` fragment that Yjs can resolve without throwing. */
export function isRelativePositionJson(value: unknown): value is RelativePositionJson {
  if (!isRecord(value) || !hasOnly(value, ['type', 'tname', 'item', 'assoc'])) return false
  const { type, tname, item, assoc } = value
  if (type != null && !isIdJson(type)) return false
  if (item != null && !isIdJson(item)) return false
  if (tname != null && tname !== FRAGMENT_NAME) return false
  if (assoc != null && !Number.isSafeInteger(assoc)) return false
  // Yjs throws on a position that names neither a type nor an item.
  return type != null || tname != null || item != null
}

/** True for a caret others may be sent and may draw: null, or `{anchor, head}` of relative positions. */
export function isWellFormedCursor(value: unknown): value is CursorJson | null {
  if (value === null) return true
  return (
    isRecord(value) &&
    hasOnly(value, ['anchor', 'head']) &&
    isRelativePositionJson(value.anchor) &&
    isRelativePositionJson(value.head)
  )
}
