import { type Editor, Extension } from '@tiptap/core'
import { isChangeOrigin } from '@tiptap/extension-collaboration'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'

const readOnlyKey = new PluginKey<boolean>('readOnlyText')

/** True when the text refuses every change of the person's own. */
export function isReadOnly(editor: Editor): boolean {
  return !editor.isDestroyed && readOnlyKey.getState(editor.state) === true
}

/** Makes the text read-only, or writable again. */
export function setReadOnly(editor: Editor, readOnly: boolean): void {
  if (editor.isDestroyed || isReadOnly(editor) === readOnly) return
  editor.view.dispatch(editor.state.tr.setMeta(readOnlyKey, readOnly))
}

/** A change of the text that comes from this person, not from Yjs (others, the server). */
const isOwnEdit = (tr: Transaction) => tr.docChanged && !isChangeOrigin(tr)

/**
 * A read-only text that a keyboard user can still enter and select in.
 * ProseMirror's own read-only mode (`editable: false`) takes the caret away:
 * Tab cannot reach the text and Shift+arrows select nothing, so a member could
 * not mark the words to react on. Here the text stays a focusable text field
 * with a caret (`aria-readonly`, no on-screen keyboard, no spelling marks) and
 * refuses every change of its own: typing, deleting, pasting, dropping, cutting,
 * formatting shortcuts and undo. Changes from Yjs (other people, the server)
 * still come in. The server refuses a reviewer's updates anyway (A3); this only
 * keeps the screen honest. Tab leaves the text instead of indenting a list.
 */
export const ReadOnlyText = Extension.create<{ readOnly: boolean }>({
  name: 'readOnlyText',
  // Before every other extension (Collaboration, with its undo keys, has 1000),
  // so its keys and paste handling come first.
  priority: 1100,
  addOptions() {
    return { readOnly: false }
  },
  addKeyboardShortcuts() {
    // Yjs undo changes the shared document directly, past any transaction filter.
    const refuse = () => isReadOnly(this.editor)
    return { 'Mod-z': refuse, 'Mod-y': refuse, 'Shift-Mod-z': refuse }
  },
  addProseMirrorPlugins() {
    const initial = this.options.readOnly
    return [
      new Plugin<boolean>({
        key: readOnlyKey,
        state: {
          init: () => initial,
          apply: (tr, value) => (tr.getMeta(readOnlyKey) as boolean | undefined) ?? value,
        },
        filterTransaction: (tr, state) => !(readOnlyKey.getState(state) && isOwnEdit(tr)),
        props: {
          attributes: (state): Record<string, string> =>
            readOnlyKey.getState(state)
              ? { 'aria-readonly': 'true', inputmode: 'none', spellcheck: 'false' }
              : { 'aria-readonly': 'false' },
          handleDOMEvents: {
            // Stops typing, deleting, pasting and dropping before the browser changes the page.
            beforeinput: (view, event) => {
              if (!readOnlyKey.getState(view.state)) return false
              event.preventDefault()
              return true
            },
          },
          handlePaste: (view) => readOnlyKey.getState(view.state) === true,
          handleDrop: (view) => readOnlyKey.getState(view.state) === true,
        },
        view: (view) => {
          // List items take Tab to indent; in a read-only text Tab must move on to
          // the next control. Capture runs before ProseMirror's own key handling.
          const onKeyDown = (event: KeyboardEvent) => {
            if (event.key !== 'Tab' || !readOnlyKey.getState(view.state)) return
            event.stopImmediatePropagation()
          }
          view.dom.addEventListener('keydown', onKeyDown, true)
          return { destroy: () => view.dom.removeEventListener('keydown', onKeyDown, true) }
        },
      }),
    ]
  },
})
