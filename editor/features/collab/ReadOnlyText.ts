import { type Editor, Extension } from '@tiptap/core'
import { isChangeOrigin } from '@tiptap/extension-collaboration'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'

/** Read-only, and whether what the person types goes to suggesting mode instead. */
interface ReadOnlyState {
  readOnly: boolean
  suggesting: boolean
}

const readOnlyKey = new PluginKey<ReadOnlyState>('readOnlyText')

/** True when the text refuses every change of the person's own. */
export function isReadOnly(editor: Editor): boolean {
  return !editor.isDestroyed && readOnlyKey.getState(editor.state)?.readOnly === true
}

/** Makes the text read-only, or writable again. */
export function setReadOnly(editor: Editor, readOnly: boolean): void {
  if (editor.isDestroyed || isReadOnly(editor) === readOnly) return
  editor.view.dispatch(editor.state.tr.setMeta(readOnlyKey, { readOnly }))
}

/**
 * While suggesting, a read-only text lets the person's typing, deleting and
 * pasting through to the suggesting mode, which turns them into suggestions and
 * refuses every change of the text itself; the text stays read-only as text.
 */
export function setSuggestingInput(editor: Editor, suggesting: boolean): void {
  if (editor.isDestroyed || readOnlyKey.getState(editor.state)?.suggesting === suggesting) return
  editor.view.dispatch(editor.state.tr.setMeta(readOnlyKey, { suggesting }))
}

/** Refuses the person's own input: read-only and not suggesting. */
const refusing = (state: Parameters<typeof readOnlyKey.getState>[0]) => {
  const value = readOnlyKey.getState(state)
  return value?.readOnly === true && !value.suggesting
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
    const refuse = () => !this.editor.isDestroyed && refusing(this.editor.state)
    return { 'Mod-z': refuse, 'Mod-y': refuse, 'Shift-Mod-z': refuse }
  },
  addProseMirrorPlugins() {
    const initial = this.options.readOnly
    return [
      new Plugin<ReadOnlyState>({
        key: readOnlyKey,
        state: {
          init: () => ({ readOnly: initial, suggesting: false }),
          apply: (tr, value) => {
            const change = tr.getMeta(readOnlyKey) as Partial<ReadOnlyState> | undefined
            return change ? { ...value, ...change } : value
          },
        },
        filterTransaction: (tr, state) => !(refusing(state) && isOwnEdit(tr)),
        props: {
          attributes: (state): Record<string, string> =>
            refusing(state)
              ? { 'aria-readonly': 'true', inputmode: 'none', spellcheck: 'false' }
              : { 'aria-readonly': String(readOnlyKey.getState(state)?.readOnly === true) },
          handleDOMEvents: {
            // Stops typing, deleting, pasting and dropping before the browser changes the page.
            beforeinput: (view, event) => {
              if (!refusing(view.state)) return false
              event.preventDefault()
              return true
            },
          },
          handlePaste: (view) => refusing(view.state),
          handleDrop: (view) => refusing(view.state),
        },
        view: (view) => {
          // List items take Tab to indent; in a read-only text Tab must move on to
          // the next control. Capture runs before ProseMirror's own key handling.
          const onKeyDown = (event: KeyboardEvent) => {
            if (event.key !== 'Tab' || !readOnlyKey.getState(view.state)?.readOnly) return
            event.stopImmediatePropagation()
          }
          view.dom.addEventListener('keydown', onKeyDown, true)
          return { destroy: () => view.dom.removeEventListener('keydown', onKeyDown, true) }
        },
      }),
    ]
  },
})
