import { Extension } from '@tiptap/core'

/** The toolbar of the text: its one Tab stop takes the focus. */
export function focusToolbar(): boolean {
  const button = document.querySelector<HTMLElement>(
    '[role="toolbar"][aria-controls="voorstel-tekst"] [data-roving][tabindex="0"]',
  )
  button?.focus()
  return button !== null
}

/**
 * Alt+F10 in the text goes to the toolbar (as in Word Online and other
 * editors): in a table Tab and Shift+Tab move between cells, so this is the
 * keyboard's way from a cell to the toolbar's table buttons.
 */
export const ToolbarShortcut = Extension.create({
  name: 'toolbarShortcut',
  addKeyboardShortcuts() {
    return { 'Alt-F10': () => focusToolbar() }
  },
})
