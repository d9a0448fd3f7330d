import { baseKeymap, toggleMark } from '@tiptap/pm/commands'
import { keymap } from '@tiptap/pm/keymap'
import type { Command, Plugin } from '@tiptap/pm/state'
import { toToolbar } from '../toolbar/ToolbarShortcut.ts'

/** What a footnote's editor asks of the main editor: its (Yjs) undo history. */
export interface OuterCommands {
  undo(): boolean
  redo(): boolean
}

/** The part of a footnote's view the keys need. */
interface FootnoteTarget {
  backToText(): void
}

/**
 * Keys in a footnote's text: undo and redo of the main editor (Yjs undo: only
 * one's own edits), the marks' shortcuts as in the text, Enter and
 * Shift+Enter for a line break (a footnote is one paragraph), Alt+F10 to the
 * toolbar, Escape back to the text after the footnote's number; the rest as in any text.
 */
export function footnoteKeymap(target: FootnoteTarget, commands: OuterCommands): Plugin {
  return keymap({
    ...baseKeymap,
    'Mod-z': () => commands.undo(),
    'Mod-y': () => commands.redo(),
    'Shift-Mod-z': () => commands.redo(),
    'Mod-b': mark('bold'),
    'Mod-i': mark('italic'),
    'Mod-u': mark('underline'),
    'Mod-Shift-s': mark('strike'),
    'Mod-Shift-h': mark('highlight'),
    Enter: insertBreak,
    'Shift-Enter': insertBreak,
    'Alt-F10': (_state, _dispatch, view) => (view ? toToolbar(view) : false),
    Escape: backToText(target),
  })
}

/** Back to the text, after the footnote's number. */
const backToText =
  (target: FootnoteTarget): Command =>
  () => {
    target.backToText()
    return true
  }

/** Toggles a mark of the schema on the footnote's selection (or for what is typed next). */
const mark =
  (name: string): Command =>
  (state, dispatch) => {
    const type = state.schema.marks[name]
    return type ? toggleMark(type)(state, dispatch) : false
  }

/** A line break where the caret is. */
const insertBreak: Command = (state, dispatch) => {
  const hardBreak = state.schema.nodes.hardBreak
  if (!hardBreak) return false
  dispatch?.(state.tr.replaceSelectionWith(hardBreak.create()).scrollIntoView())
  return true
}
