/**
 * What of a client's presence state others receive (contract A7): `user`
 * (which the server sets itself, A6) and a well-formed `cursor` — null, or
 * `{anchor, head}` relative positions that lie in the `default` fragment.
 * Everything else is dropped. Positions naming items the server has not
 * received yet cannot be checked; they resolve to nothing in every editor, so
 * they pass.
 */
import * as Y from 'yjs'
import { isWellFormedCursor, type RelativePositionJson } from '../../shared/cursor.ts'

/** A state as others may see it (without `user`), and whether anything in it was wrong. */
export interface CleanPresence {
  state: Record<string, unknown>
  malformed: boolean
}

/** Keeps the cursor of `state` when it is one; `malformed` when anything had to be left out. */
export function cleanPresence(state: Record<string, unknown>, root: Y.XmlFragment): CleanPresence {
  const { user: _user, cursor, ...rest } = state
  let malformed = Object.keys(rest).length > 0
  const clean: Record<string, unknown> = {}
  if (cursor !== undefined) {
    if (isWellFormedCursor(cursor) && (cursor === null || liesIn(cursor, root)))
      clean.cursor = cursor
    else malformed = true
  }
  return { state: clean, malformed }
}

function liesIn(
  cursor: { anchor: RelativePositionJson; head: RelativePositionJson },
  root: Y.XmlFragment,
) {
  return positionLiesIn(cursor.anchor, root) && positionLiesIn(cursor.head, root)
}

/** False when the position names a known item or type outside `root`. */
function positionLiesIn(position: RelativePositionJson, root: Y.XmlFragment): boolean {
  const doc = root.doc as Y.Doc
  for (const [id, mustBeType] of [
    [position.item, false],
    [position.type, true],
  ] as const) {
    if (!id || id.clock >= Y.getState(doc.store, id.client)) continue
    const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
    // A collected item resolves to nothing anywhere: harmless.
    if (!(struct instanceof Y.Item)) continue
    if (mustBeType && !(struct.content instanceof Y.ContentType)) return false
    const type = mustBeType
      ? (struct.content as Y.ContentType).type
      : (struct.parent as Y.AbstractType<unknown>)
    if (!isInside(type, root)) return false
  }
  return true
}

function isInside(type: Y.AbstractType<unknown> | null, root: Y.XmlFragment): boolean {
  for (let current = type; current; current = (current._item?.parent ?? null) as typeof current) {
    if ((current as unknown) === root) return true
  }
  return false
}
