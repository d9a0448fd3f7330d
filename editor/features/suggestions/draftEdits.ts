import type { EditorState } from '@tiptap/pm/state'
import { anchorFor, quoteOf } from '../comments/anchorPositions.ts'
import { backspaceInserted, type EditSelection, groupEdit, startSuggestion } from './groupEdit.ts'
import type { SuggestionStore } from './SuggestionStore.ts'
import type { TextEdit } from './textEdit.ts'
import type { Draft, PlacedSuggestion } from './types.ts'

/** A change of one draft, for undo and redo: the draft before and after (null: none). */
export interface DraftChange {
  key: string
  before: Draft | null
  after: Draft | null
}

let counter = 0
const newKey = () => `concept-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** This person's suggestions that an edit can change, where they are now. */
function editable(store: SuggestionStore, state: EditorState): PlacedSuggestion[] {
  return store.placed(state).filter((suggestion) => suggestion.mine)
}

/** Writes a draft with its new range; a draft that proposes nothing any more is taken back. */
function write(
  store: SuggestionStore,
  state: EditorState,
  base: Draft | null,
  key: string,
  range: { from: number; to: number; replacement: string },
): DraftChange | null {
  const anchor = anchorFor(state, range)
  if (!anchor) return null
  const quote = quoteOf(state, range)
  const threadId = base?.threadId ?? null
  const empty = quote === range.replacement
  const after: Draft | null =
    empty && threadId === null
      ? null
      : {
          key,
          threadId,
          quote,
          anchor,
          replacement: range.replacement,
          removed: empty,
          error: null,
          revision: base?.revision ?? 0,
        }
  store.putDraft(key, after)
  return { key, before: base, after: store.draft(key) ?? null }
}

/**
 * Turns an edit of the text into a suggestion: it joins the person's own
 * suggestion it touches (typing on, deleting next to it, replacing over it) or
 * starts a new one.
 * @returns where the caret goes and the change, or null when nothing could be made
 */
export function suggestEdit(
  store: SuggestionStore,
  state: EditorState,
  edit: TextEdit,
  selection: EditSelection,
): { caret: number; change: DraftChange } | null {
  const own = editable(store, state)
  const typingOn = edit.from === edit.to ? own.find((s) => s.to === edit.from) : undefined
  const candidates = typingOn ? [typingOn, ...own.filter((s) => s !== typingOn)] : own
  for (const suggestion of candidates) {
    const grouped = groupEdit(suggestion, edit, selection)
    if (!grouped) continue
    const base = store.draftOf(suggestion.id)
    if (!base) continue
    const change = write(store, state, base, base.key, grouped.range)
    return change && { caret: grouped.caret, change }
  }
  const started = startSuggestion(edit, selection)
  const change = write(store, state, null, newKey(), started.range)
  return change && { caret: started.caret, change }
}

/**
 * Backspace right after the inserted text of one of the person's suggestions
 * takes its last character (or word) off, as the person sees it.
 * @returns the change, or null when the caret is not there
 */
export function backspaceSuggestion(
  store: SuggestionStore,
  state: EditorState,
  word: boolean,
): DraftChange | null {
  const { selection } = state
  if (!selection.empty) return null
  const at = selection.head
  const target = editable(store, state).find((s) => s.to === at && s.replacement !== '')
  const base = target && store.draftOf(target.id)
  if (!target || !base) return null
  const replacement = backspaceInserted(target.replacement, word)
  return write(store, state, base, base.key, { from: target.from, to: target.to, replacement })
}

/** Puts a draft back as it was before (undo) or after (redo) a change. */
export function restoreDraft(store: SuggestionStore, key: string, draft: Draft | null): void {
  const at = store.keyOf(key)
  const current = store.draftOf(at)
  const threadId = current?.threadId ?? (at !== key ? at : (draft?.threadId ?? null))
  if (draft === null) {
    // Undoing the first keystroke of a suggestion the server has: withdraw it.
    store.putDraft(at, threadId && current ? { ...current, key: at, removed: true } : null)
    return
  }
  store.putDraft(at, { ...draft, key: at, threadId, error: null })
}
