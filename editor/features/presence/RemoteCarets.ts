/**
 * Other people's carets, drawn so that no caret can break the editor (A7).
 * Tiptap's CollaborationCaret hands every remote state to y-tiptap's caret
 * plugin, which throws on a malformed caret (`{cursor: {}}`) in the middle of
 * applying a transaction: the view then stops following the document. The
 * server passes on only well-formed carets, but the editor does not rely on
 * that: a caret is drawn only when its shape is right and Yjs resolves it, and
 * a fault while drawing carets costs the carets, never the text.
 */
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state'
import { DecorationSet } from '@tiptap/pm/view'
import { yCursorPlugin } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { isWellFormedCursor, type RelativePositionJson } from '../../../shared/cursor.ts'

/** True when Yjs can resolve the position in `doc` (to a place or to nothing) without throwing. */
function resolves(position: RelativePositionJson, doc: Y.Doc): boolean {
  try {
    Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), doc)
    return true
  } catch {
    return false
  }
}

/** True for a remote caret this editor can draw. */
export function isDrawableCaret(cursor: unknown, doc: Y.Doc): boolean {
  if (cursor === undefined || cursor === null) return true
  return isWellFormedCursor(cursor) && resolves(cursor.anchor, doc) && resolves(cursor.head, doc)
}

type StateField = {
  init: (config: unknown, state: EditorState) => DecorationSet
  apply: (tr: unknown, value: DecorationSet, old: EditorState, state: EditorState) => DecorationSet
}

/** The plugin with its state computed safely: a fault draws no carets instead of throwing. */
function guarded(plugin: Plugin): Plugin {
  const field = plugin.spec.state as StateField | undefined
  if (!field) return plugin
  const { init, apply } = field
  field.init = (config, state) => {
    try {
      return init(config, state)
    } catch (error) {
      console.warn('[presence] carets not drawn', error)
      return DecorationSet.empty
    }
  }
  field.apply = (tr, value, old, state) => {
    try {
      return apply(tr, value, old, state)
    } catch (error) {
      console.warn('[presence] carets not drawn', error)
      return DecorationSet.empty
    }
  }
  return plugin
}

/** CollaborationCaret with carets checked before they are drawn. */
export const RemoteCarets = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const { provider, user, render, selectionRender } = this.options
    const doc = provider.doc as Y.Doc
    const announce = new Plugin({
      key: new PluginKey('remoteCaretsUser'),
      view: () => {
        provider.awareness.setLocalStateField('user', user)
        return {}
      },
    })
    const carets = yCursorPlugin(provider.awareness, {
      awarenessStateFilter: (own: number, client: number, state: { cursor?: unknown } | null) =>
        own !== client && isDrawableCaret(state?.cursor, doc),
      cursorBuilder: (person: Record<string, unknown>) => render(person as never),
      selectionBuilder: (person: Record<string, unknown>) => selectionRender(person as never),
    })
    return [announce, guarded(carets)]
  },
})
