import { Extension } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** The toolbar of the text: its one Tab stop takes the focus. */
export function focusToolbar(): boolean {
  const button = document.querySelector<HTMLElement>(
    '[role="toolbar"][aria-controls="voorstel-tekst"] [data-roving][tabindex="0"]',
  )
  button?.focus()
  return button !== null
}

/**
 * Takes the browser's selection into `view` now. ProseMirror reads it on
 * `selectionchange`, a moment after a key moved it: Alt+F10 pressed right
 * after Shift+Arrow would otherwise leave the toolbar a selection one step
 * behind.
 */
function readSelection(view: EditorView): void {
  const dom = view.dom.ownerDocument.getSelection()
  const inside = (node: Node | null) => !!node && view.dom.contains(node)
  if (!dom || dom.rangeCount === 0 || !inside(dom.anchorNode) || !inside(dom.focusNode)) return
  try {
    const anchor = view.posAtDOM(dom.anchorNode!, dom.anchorOffset)
    const head = view.posAtDOM(dom.focusNode!, dom.focusOffset)
    const { selection } = view.state
    if (selection.anchor === anchor && selection.head === head) return
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)))
  } catch {
    // A node ProseMirror does not map (another person's caret label): keep its own.
  }
}

/** Alt+F10 in `view`: its selection as the browser has it, then the toolbar. */
export function toToolbar(view: EditorView): boolean {
  readSelection(view)
  return focusToolbar()
}

/**
 * Alt+F10 in the text goes to the toolbar (as in Word Online and other
 * editors): in a table Tab and Shift+Tab move between cells, so this is the
 * keyboard's way from a cell to the toolbar's table buttons.
 */
export const ToolbarShortcut = Extension.create({
  name: 'toolbarShortcut',
  addKeyboardShortcuts() {
    return { 'Alt-F10': () => toToolbar(this.editor.view) }
  },
})
