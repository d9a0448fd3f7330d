/**
 * Tables (contract W1): Tiptap's table, row, header cell and cell, with content
 * narrowed to what a policy text needs and what every reader of the text
 * handles. A cell holds paragraphs and lists — each paragraph a passage with its
 * own `blockId` (B1) — never headings, quotes or another table; a table stands
 * at the top level of the text only (not inside a list or a quote).
 */
import { TableCell, TableHeader, TableRow, Table as TiptapTable } from '@tiptap/extension-table'
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

/** What a cell may hold: paragraphs and lists (which hold paragraphs). */
export const CELL_CONTENT = '(paragraph | bulletList | orderedList)+'

/** Node names of the table parts, outermost first. */
export const TABLE_NODES = ['table', 'tableRow', 'tableHeader', 'tableCell'] as const

type AppendTransaction = (
  transactions: readonly Transaction[],
  oldState: EditorState,
  newState: EditorState,
) => Transaction | null | undefined

/**
 * The table node, outside the `block` group so that lists, quotes and cells
 * cannot hold a table; the document names it beside `block`.
 *
 * prosemirror-tables repairs tables that are not rectangular after every
 * transaction (`fixTables`). Here it only does so for this person's own edits
 * in an editable editor: a repair of a change from someone else would be sent
 * by every open editor at once (doubling the cells it adds), and a reviewer's
 * editor must never write to the text (A3). A table made uneven by two people
 * at once is repaired by the next writer who edits it.
 */
export const Table = TiptapTable.extend({
  group: 'tableBlock',
  addProseMirrorPlugins() {
    const editor = this.editor
    return (this.parent?.() ?? []).map((plugin) => {
      const append = plugin.spec.appendTransaction as AppendTransaction | undefined
      if (!append) return plugin
      plugin.spec.appendTransaction = (transactions, oldState, newState) => {
        const remote = transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined)
        return editor.isEditable && !remote ? append(transactions, oldState, newState) : null
      }
      return plugin
    })
  },
})

/** The cell types with their narrowed content. */
export const TableParts = [
  TableRow,
  TableHeader.extend({ content: CELL_CONTENT }),
  TableCell.extend({ content: CELL_CONTENT }),
]
