import type { EditorState } from '@tiptap/pm/state'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { RelativePositionJson, ThreadAnchor } from './types.ts'

/** A range of the ProseMirror document, `from` inclusive, `to` exclusive. */
export interface TextRange {
  from: number
  to: number
}

interface SyncState {
  doc: Y.Doc
  type: Y.XmlFragment
  binding: { mapping: Map<unknown, unknown> } | null
}

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined
  return sync?.binding ? sync : null
}

/**
 * Where one relative position of an anchor is in `state`, or null when it does
 * not resolve. Reads only: resolving never writes to the Yjs document.
 */
export function resolvePosition(state: EditorState, json: RelativePositionJson | null) {
  const sync = syncState(state)
  if (!sync?.binding || !json) return null
  const mapping = sync.binding.mapping as never
  try {
    const relative = Y.createRelativePositionFromJSON(json)
    const at = relativePositionToAbsolutePosition(sync.doc, sync.type, relative, mapping)
    const found = at ?? atTextStart(sync, relative, mapping)
    return found === null || found < 0 || found > state.doc.content.size ? null : found
  } catch {
    // A malformed position from an old client: treat it as not anchored here.
    return null
  }
}

/**
 * Where a thread's anchor (C3) is in `state`, or null when its positions do
 * not resolve (the text is gone, or was rebuilt and the server has not moved
 * the anchor yet). With `point`, an anchor of one place (a suggestion to
 * insert text) resolves to an empty range.
 */
export function resolveAnchor(
  state: EditorState,
  anchor: ThreadAnchor,
  point = false,
): TextRange | null {
  const from = resolvePosition(state, anchor.from)
  if (from === null) return null
  if (point) return { from, to: from }
  const to = resolvePosition(state, anchor.to)
  if (to === null || to <= from) return null
  return { from, to }
}

/**
 * y-tiptap refuses a position on a character that resolves to the very start
 * of the document (it takes it for a position in rebuilt text), so a thread
 * on the first words of a proposal would not show. For text that still exists
 * the same place is asked again as "start of this text", which it accepts.
 */
function atTextStart(sync: SyncState, relative: Y.RelativePosition, mapping: never) {
  const decoded = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc)
  if (!decoded || !(decoded.type instanceof Y.XmlText) || decoded.index !== 0) return null
  for (let item = decoded.type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return null
  }
  const start = Y.createRelativePositionFromTypeIndex(decoded.type, 0, -1)
  return relativePositionToAbsolutePosition(sync.doc, sync.type, start, mapping)
}

/** The anchor of C2 for a selection of `state`, or null before the text is bound to Yjs. */
export function anchorFor(state: EditorState, range: TextRange): ThreadAnchor | null {
  const sync = syncState(state)
  if (!sync?.binding) return null
  const mapping = sync.binding.mapping as never
  const at = (pos: number) =>
    Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, sync.type, mapping))
  return { from: at(range.from), to: at(range.to) }
}

/** The text of a range as the server quotes it: `\n` between blocks (docs/API.md). */
export function quoteOf(state: EditorState, range: TextRange): string {
  return state.doc.textBetween(range.from, range.to, '\n', '\n')
}
