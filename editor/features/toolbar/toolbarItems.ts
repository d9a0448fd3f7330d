import type { Editor } from '@tiptap/core'
import { FOOTNOTE } from '../../../shared/footnote.ts'
// The insertFootnote command's type.
import type {} from '../footnotes/FootnoteEditing.ts'

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

/** True while the selection is in a footnote's text, where only marks and links apply. */
export const inFootnote = (e: Editor) => e.isActive(FOOTNOTE)

/** True while the selection is in a table. */
export const inTable = (e: Editor) => e.isActive('table')

const heading = (level: 1 | 2 | 3): ToolbarItem => ({
  id: `h${level}`,
  label: `Kop ${level}`,
  shortcut: `Ctrl+Alt+${level}`,
  isActive: (e) => e.isActive('heading', { level }),
  canRun: (e) => !inFootnote(e) && e.can().toggleHeading({ level }),
  run: (e) => e.chain().focus().toggleHeading({ level }).run(),
})

const mark = (
  id: 'underline' | 'strike' | 'highlight',
  label: string,
  shortcut: string,
  toggle: (e: Editor) => ReturnType<Editor['chain']>,
): ToolbarItem => ({
  id,
  label,
  shortcut,
  isActive: (e) => e.isActive(id),
  canRun: (e) => e.can().toggleMark(id),
  run: (e) => toggle(e).run(),
})

/** A table command: enabled in a table where it can run. */
const tableItem = (
  id: string,
  label: string,
  can: (e: Editor) => boolean,
  run: (e: Editor) => void,
): ToolbarItem => ({ id, label, canRun: (e) => inTable(e) && can(e), run })

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
    mark('underline', 'Onderstrepen', 'Ctrl+U', (e) => e.chain().focus().toggleUnderline()),
    mark('strike', 'Doorhalen', 'Ctrl+Shift+S', (e) => e.chain().focus().toggleStrike()),
    mark('highlight', 'Markeren', 'Ctrl+Shift+H', (e) => e.chain().focus().toggleHighlight()),
  ],
  [
    {
      id: 'bulletList',
      label: 'Opsomming',
      shortcut: 'Ctrl+Shift+8',
      isActive: (e) => e.isActive('bulletList'),
      canRun: (e) => !inFootnote(e) && e.can().toggleBulletList(),
      run: (e) => e.chain().focus().toggleBulletList().run(),
    },
    {
      id: 'orderedList',
      label: 'Genummerde lijst',
      shortcut: 'Ctrl+Shift+7',
      isActive: (e) => e.isActive('orderedList'),
      canRun: (e) => !inFootnote(e) && e.can().toggleOrderedList(),
      run: (e) => e.chain().focus().toggleOrderedList().run(),
    },
    {
      id: 'blockquote',
      label: 'Citaat',
      shortcut: 'Ctrl+Shift+B',
      isActive: (e) => e.isActive('blockquote'),
      canRun: (e) => !inFootnote(e) && e.can().toggleBlockquote(),
      run: (e) => e.chain().focus().toggleBlockquote().run(),
    },
  ],
  [
    {
      id: 'insertTable',
      label: 'Tabel invoegen',
      canRun: (e) =>
        !inFootnote(e) &&
        !inTable(e) &&
        e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
      run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    {
      id: 'footnote',
      label: 'Voetnoot invoegen',
      shortcut: 'Ctrl+Alt+F',
      canRun: (e) => e.can().insertFootnote(),
      run: (e) => e.chain().focus().insertFootnote().run(),
    },
  ],
]

/**
 * Buttons for the table the selection is in, shown only there (as Word's
 * table tab): rows and columns after the current one, removing them, the
 * header row (repeated on every page in Word) and the whole table.
 */
export const TABLE_ITEMS: ToolbarItem[] = [
  tableItem(
    'addRow',
    'Rij toevoegen',
    (e) => e.can().addRowAfter(),
    (e) => e.chain().focus().addRowAfter().run(),
  ),
  tableItem(
    'deleteRow',
    'Rij verwijderen',
    (e) => e.can().deleteRow(),
    (e) => e.chain().focus().deleteRow().run(),
  ),
  tableItem(
    'addColumn',
    'Kolom toevoegen',
    (e) => e.can().addColumnAfter(),
    (e) => e.chain().focus().addColumnAfter().run(),
  ),
  tableItem(
    'deleteColumn',
    'Kolom verwijderen',
    (e) => e.can().deleteColumn(),
    (e) => e.chain().focus().deleteColumn().run(),
  ),
  {
    ...tableItem(
      'headerRow',
      'Kopregel',
      (e) => e.can().toggleHeaderRow(),
      (e) => e.chain().focus().toggleHeaderRow().run(),
    ),
    isActive: (e) => e.isActive('tableHeader'),
  },
  tableItem(
    'deleteTable',
    'Tabel verwijderen',
    (e) => e.can().deleteTable(),
    (e) => e.chain().focus().deleteTable().run(),
  ),
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
