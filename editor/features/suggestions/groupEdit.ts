import type { TextEdit } from './textEdit.ts'

/** Where a suggestion is in the current document and what it proposes there. */
export interface SuggestionRange {
  /** The original text it replaces is `[from, to)`; `from === to` for an insertion. */
  from: number
  to: number
  replacement: string
}

/** The old selection of the transaction that made the edit. */
export interface EditSelection {
  from: number
  to: number
}

/** A suggestion after an edit, and where the caret goes. */
export interface Grouped {
  range: SuggestionRange
  caret: number
}

/** True when an edit touches a suggestion (inside it or at either end). */
export function touches(range: SuggestionRange, edit: TextEdit): boolean {
  return edit.from <= range.to && edit.to >= range.from
}

/**
 * The caret after an edit: after what was typed; before what Backspace struck
 * through (it goes on backwards), after what Delete or a deleted selection
 * struck through (typing then replaces it, as one suggestion).
 */
function caretAfter(range: SuggestionRange, edit: TextEdit, selection: EditSelection): number {
  if (edit.text !== '') return range.to
  if (selection.from === selection.to && selection.from >= edit.to) return edit.from
  if (selection.from === selection.to) return edit.to
  return range.to
}

/** A new suggestion for an edit that touches none of the person's own. */
export function startSuggestion(edit: TextEdit, selection: EditSelection): Grouped {
  const range = { from: edit.from, to: edit.to, replacement: edit.text }
  return { range, caret: caretAfter(range, edit, selection) }
}

/**
 * Adds an edit to one of the person's own suggestions, as Word groups tracked
 * changes: typing on at its end, deleting next to or inside it, replacing a
 * selection over it. The inserted text is shown just before `to`, so a
 * selection reaching `to` from inside covers it and replaces it.
 * @returns null when the edit belongs in a suggestion of its own (typing right
 *   before a replacement, where the caret cannot be inside the inserted text)
 */
export function groupEdit(
  range: SuggestionRange,
  edit: TextEdit,
  selection: EditSelection,
): Grouped | null {
  if (!touches(range, edit)) return null
  const point = edit.from === edit.to
  const from = Math.min(range.from, edit.from)
  const to = Math.max(range.to, edit.to)
  const coversInserted = edit.from < range.to && edit.to >= range.to
  let replacement: string
  if (edit.text === '') replacement = coversInserted ? '' : range.replacement
  else if (point && edit.from === range.to) replacement = range.replacement + edit.text
  else if (point && edit.from === range.from && range.replacement !== '') return null
  else if (coversInserted) replacement = edit.text
  else if (edit.from < range.from) replacement = edit.text + range.replacement
  else replacement = range.replacement + edit.text
  const grouped = { from, to, replacement }
  return { range: grouped, caret: caretAfter(grouped, edit, selection) }
}

/** Takes the last character, or with `word` the last word, off a suggestion's inserted text. */
export function backspaceInserted(replacement: string, word: boolean): string {
  if (!word) return Array.from(replacement).slice(0, -1).join('')
  return replacement.replace(/[^\s]*\s*$/u, '')
}
