import type { Editor } from '@tiptap/core'

/** One toolbar button: its Dutch label, its shortcut, and what it does. */
export interface ToolbarItem {
  id: string
  /** The words on the button, which are also its accessible name. */
  label: string
  shortcut?: string
  isActive?(editor: Editor): boolean
  canRun(editor: Editor): boolean
  run(editor: Editor): void
}

const heading = (level: 1 | 2 | 3): ToolbarItem => ({
  id: `h${level}`,
  label: `Kop ${level}`,
  shortcut: `Ctrl+Alt+${level}`,
  isActive: (e) => e.isActive('heading', { level }),
  canRun: (e) => e.can().toggleHeading({ level }),
  run: (e) => e.chain().focus().toggleHeading({ level }).run(),
})

/** The buttons, in groups separated in the toolbar. Link is handled by its own form. */
export const TOOLBAR_GROUPS: ToolbarItem[][] = [
  [heading(1), heading(2), heading(3)],
  [
    {
      id: 'bold',
      label: 'Vet',
      shortcut: 'Ctrl+B',
      isActive: (e) => e.isActive('bold'),
      canRun: (e) => e.can().toggleBold(),
      run: (e) => e.chain().focus().toggleBold().run(),
    },
    {
      id: 'italic',
      label: 'Cursief',
      shortcut: 'Ctrl+I',
      isActive: (e) => e.isActive('italic'),
      canRun: (e) => e.can().toggleItalic(),
      run: (e) => e.chain().focus().toggleItalic().run(),
    },
  ],
  [
    {
      id: 'bulletList',
      label: 'Opsomming',
      shortcut: 'Ctrl+Shift+8',
      isActive: (e) => e.isActive('bulletList'),
      canRun: (e) => e.can().toggleBulletList(),
      run: (e) => e.chain().focus().toggleBulletList().run(),
    },
    {
      id: 'orderedList',
      label: 'Genummerde lijst',
      shortcut: 'Ctrl+Shift+7',
      isActive: (e) => e.isActive('orderedList'),
      canRun: (e) => e.can().toggleOrderedList(),
      run: (e) => e.chain().focus().toggleOrderedList().run(),
    },
    {
      id: 'blockquote',
      label: 'Citaat',
      shortcut: 'Ctrl+Shift+B',
      isActive: (e) => e.isActive('blockquote'),
      canRun: (e) => e.can().toggleBlockquote(),
      run: (e) => e.chain().focus().toggleBlockquote().run(),
    },
  ],
]

/** Undo and redo come from Yjs (only your own edits are undone). */
export const HISTORY_ITEMS: ToolbarItem[] = [
  {
    id: 'undo',
    label: 'Ongedaan maken',
    shortcut: 'Ctrl+Z',
    canRun: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    id: 'redo',
    label: 'Opnieuw doen',
    shortcut: 'Ctrl+Shift+Z',
    canRun: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run(),
  },
]
