import { Extension } from '@tiptap/core'

/** Ctrl+K (Cmd+K) in the text opens the link form, as in Word. */
export const LinkShortcut = Extension.create<{ onOpen: () => void }>({
  name: 'linkShortcut',
  addOptions() {
    return { onOpen: () => undefined }
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        if (!this.editor.isEditable) return false
        this.options.onOpen()
        return true
      },
    }
  },
})
