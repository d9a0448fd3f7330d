import { Extension } from '@tiptap/core'
import { isReadOnly } from '../collab/ReadOnlyText.ts'

/** Ctrl+K (Cmd+K) in the text opens the link form, as in Word. */
export const LinkShortcut = Extension.create<{ onOpen: () => void }>({
  name: 'linkShortcut',
  addOptions() {
    return { onOpen: () => undefined }
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        if (!this.editor.isEditable || isReadOnly(this.editor)) return false
        this.options.onOpen()
        return true
      },
    }
  },
})
