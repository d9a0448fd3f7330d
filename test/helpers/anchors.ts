/**
 * Anchors as the editor makes and reads them: y-tiptap's conversions between
 * ProseMirror positions and Yjs relative positions, on a headless editor.
 */
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { HeadlessEditor } from './headlessEditor.ts'

function binding(editor: HeadlessEditor) {
  const state = ySyncPluginKey.getState(editor.editor.state) as {
    type: Y.XmlFragment
    binding: { mapping: Map<unknown, unknown> }
  }
  return state
}

/** The anchor of C2 for a selection `[from, to)` of the editor. */
export function anchorOf(editor: HeadlessEditor, from: number, to: number) {
  const { type, binding: b } = binding(editor)
  return {
    from: Y.relativePositionToJSON(
      absolutePositionToRelativePosition(from, type, b.mapping as never),
    ),
    to: Y.relativePositionToJSON(absolutePositionToRelativePosition(to, type, b.mapping as never)),
  }
}

/** The text a thread's anchor covers in the editor, or null when it does not resolve. */
export function textAt(
  editor: HeadlessEditor,
  anchor: { from: unknown; to: unknown },
): string | null {
  const { type, binding: b } = binding(editor)
  const resolve = (json: unknown) =>
    relativePositionToAbsolutePosition(
      editor.doc,
      type,
      Y.createRelativePositionFromJSON(json),
      b.mapping as never,
    )
  const from = resolve(anchor.from)
  const to = resolve(anchor.to)
  if (from === null || to === null) return null
  return editor.editor.state.doc.textBetween(from, to, '\n', '\n')
}

/** The ProseMirror range of the first occurrence of `text`, within one textblock. */
export function rangeOf(editor: HeadlessEditor, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null
  editor.editor.state.doc.descendants((node, pos) => {
    if (found || !node.isTextblock) return !found
    const at = node.textContent.indexOf(text)
    if (at >= 0) found = { from: pos + 1 + at, to: pos + 1 + at + text.length }
    return false
  })
  if (!found) throw new Error(`"${text}" is not in the editor`)
  return found
}
