import { Extension } from '@tiptap/core'
import {
  type EditorState,
  Plugin,
  PluginKey,
  TextSelection,
  type Transaction,
} from '@tiptap/pm/state'
import type { DecorationSet, EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { backspaceSuggestion, suggestEdit } from './draftEdits.ts'
import type { SuggestionHistory } from './SuggestionHistory.ts'
import type { SuggestionStore } from './SuggestionStore.ts'
import { suggestionDecorations } from './suggestionDecorations.ts'
import { textEditOf } from './textEdit.ts'
import type { PlacedSuggestion } from './types.ts'

/** What the plugin knows of the suggestions in the current text. */
export interface SuggestionsState {
  placed: PlacedSuggestion[]
  decorations: DecorationSet
  /** The suggestion at the caret, if any. */
  atCaret: PlacedSuggestion | null
  /** Other suggestions at the caret (two people proposing on the same word). */
  hereToo: PlacedSuggestion[]
  /** The suggestion the person chose among those at the caret, while the caret is on it. */
  preferred: string | null
  /** True when the caret got there by moving (not by typing it): the popover shows. */
  navigated: boolean
}

/** Why an edit could not become a suggestion. */
export type RefusedEdit = 'structure' | 'move' | 'place'

export interface SuggestingOptions {
  store: SuggestionStore | null
  history: SuggestionHistory | null
  onRefused(reason: RefusedEdit): void
  /** Every new state of the suggestions (the popover, the caret for sending). */
  onState(state: SuggestionsState, editorState: EditorState): void
  /** Tab while a suggestion's popover shows: it takes the focus (true) or not. */
  onTab(): boolean
}

interface Meta {
  refresh?: boolean
  edited?: boolean
  /** Show this one of the suggestions at the caret. */
  prefer?: string
}

export const suggestionsKey = new PluginKey<SuggestionsState>('suggestions')

/** The suggestions at the caret: the chosen one, else the smallest, first. */
function atCaretOf(
  placed: PlacedSuggestion[],
  state: EditorState,
  preferred: string | null,
): PlacedSuggestion[] {
  const { head, empty } = state.selection
  if (!empty) return []
  const here = placed.filter((s) => s.from <= head && head <= s.to)
  const rank = (s: PlacedSuggestion) => (s.id === preferred ? -1 : s.to - s.from)
  return here.sort((a, b) => rank(a) - rank(b))
}

function build(
  store: SuggestionStore,
  state: EditorState,
  placed: PlacedSuggestion[],
  navigated: boolean,
  preferred: string | null = null,
): SuggestionsState {
  const [atCaret = null, ...hereToo] = atCaretOf(placed, state, preferred)
  const decorations = suggestionDecorations(state.doc, placed, store.view, atCaret?.id ?? null)
  // A choice lasts while the caret stays on the chosen suggestion.
  const kept = atCaret?.id === preferred ? preferred : null
  return { placed, decorations, atCaret, hereToo, preferred: kept, navigated }
}

function mapPlaced(placed: PlacedSuggestion[], tr: Transaction): PlacedSuggestion[] {
  return placed.map((suggestion) => {
    const from = tr.mapping.map(suggestion.from, suggestion.from === suggestion.to ? -1 : 1)
    const to = Math.max(from, tr.mapping.map(suggestion.to, -1))
    return { ...suggestion, from, to }
  })
}

function apply(
  store: SuggestionStore,
  tr: Transaction,
  previous: SuggestionsState,
  state: EditorState,
): SuggestionsState {
  const meta = tr.getMeta(suggestionsKey) as Meta | undefined
  const remote = tr.getMeta(ySyncPluginKey) !== undefined
  // Only the person's own moves of the caret open the popover; typing and others' edits do not.
  const moved = tr.selectionSet && !remote && !meta?.refresh
  const navigated = meta?.edited ? false : moved || previous.navigated || Boolean(meta?.prefer)
  const preferred = meta?.prefer ?? previous.preferred
  if (tr.docChanged && !remote) {
    // A writer's own edit reaches Yjs only after this transaction: follow it by mapping.
    return build(store, state, mapPlaced(previous.placed, tr), navigated, preferred)
  }
  if (meta?.refresh || tr.docChanged)
    return build(store, state, store.placed(state), navigated, preferred)
  if (!tr.selectionSet && !meta?.prefer) return previous
  return build(store, state, previous.placed, navigated, preferred)
}

/** Shows the suggestion `id`, one of those at the caret, in the popover. */
export function showSuggestionHere(view: EditorView, id: string): void {
  view.dispatch(
    view.state.tr.setMeta(suggestionsKey, { prefer: id }).setMeta('addToHistory', false),
  )
}

/** Asks the plugin to show the store's suggestions again; `caret` moves the caret too. */
function refresh(view: EditorView, caret?: number): void {
  const tr = view.state.tr.setMeta(suggestionsKey, { refresh: true, edited: caret !== undefined })
  if (caret !== undefined) {
    const at = Math.max(0, Math.min(caret, tr.doc.content.size))
    tr.setSelection(TextSelection.near(tr.doc.resolve(at))).scrollIntoView()
  }
  view.dispatch(tr.setMeta('addToHistory', false))
}

/** Moves the caret to the next (or previous) suggestion in the text. */
export function goToSuggestion(view: EditorView, direction: 1 | -1): PlacedSuggestion | null {
  const state = suggestionsKey.getState(view.state)
  if (!state || state.placed.length === 0) return null
  const head = view.state.selection.head
  const sorted = [...state.placed].sort((a, b) => a.from - b.from)
  const target =
    direction === 1
      ? (sorted.find((s) => s.from > head) ?? sorted[0]!)
      : (sorted.findLast((s) => s.to < head) ?? sorted.at(-1)!)
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, target.from))
  view.dispatch(tr.scrollIntoView())
  return target
}

/**
 * Suggesting mode ("Wijzigingen voorstellen") and the suggestions in the text.
 * While the store is `enabled`, no edit of the person's reaches the document
 * (so none reaches Yjs, A3): each transaction that would change the text is
 * refused and its change of the text becomes, or joins, a suggestion of theirs
 * in the store; a change of formatting or structure is refused with a reason.
 * Changes from Yjs (others, the server) always pass. Everyone's suggestions
 * are drawn as decorations, which change how the text looks, never the text.
 */
export const SuggestingMode = Extension.create<SuggestingOptions>({
  name: 'suggestingMode',
  // After Collaboration (1000): placing a suggestion reads the Yjs binding of the same
  // new state, whose plugin state must be there first. Still before the text's own
  // keymaps (Backspace); Ctrl+Z comes before Yjs undo through SuggestingUndoKeys.
  priority: 900,
  addExtensions() {
    return [
      SuggestingUndoKeys.configure({ store: this.options.store, history: this.options.history }),
    ]
  },
  addOptions() {
    return {
      store: null,
      history: null,
      onRefused: () => undefined,
      onState: () => undefined,
      onTab: () => false,
    }
  },
  addProseMirrorPlugins() {
    const options = this.options
    const store = options.store
    const history = options.history
    if (!store || !history) return []
    let view: EditorView | null = null
    let scheduled = false
    let caret: number | undefined
    const schedule = (nextCaret?: number) => {
      if (nextCaret !== undefined) caret = nextCaret
      if (scheduled) return
      scheduled = true
      // Never inside another dispatch: after the transaction that asked for it.
      queueMicrotask(() => {
        scheduled = false
        const at = caret
        caret = undefined
        if (view && !view.isDestroyed) refresh(view, at)
      })
    }
    const changed = (result: {
      caret: number
      change: Parameters<SuggestionHistory['record']>[0]
    }) => {
      history.record(result.change)
      schedule(result.caret)
    }
    return [
      new Plugin<SuggestionsState>({
        key: suggestionsKey,
        state: {
          init: (_config, state) => build(store, state, [], false),
          apply: (tr, previous, _old, state) => apply(store, tr, previous, state),
        },
        filterTransaction(tr, state) {
          if (!store.enabled || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined)
            return true
          const edit = textEditOf(state.doc, tr.doc, state.selection.from)
          if (!edit) {
            options.onRefused('structure')
            return false
          }
          const result = suggestEdit(store, state, edit, state.selection)
          if (result) changed(result)
          else options.onRefused('place')
          return false
        },
        props: {
          decorations: (state) => suggestionsKey.getState(state)?.decorations,
          handleKeyDown(editorView, event) {
            if (!store.enabled) return false
            const mod = event.ctrlKey || event.metaKey
            if (event.key === 'Backspace' && !event.shiftKey) {
              const change = backspaceSuggestion(store, editorView.state, mod || event.altKey)
              if (!change) return false
              changed({ caret: editorView.state.selection.head, change })
              return true
            }
            if (event.key === 'Tab' && !mod && !event.altKey && !event.shiftKey) {
              const state = suggestionsKey.getState(editorView.state)
              return Boolean(state?.atCaret && state.navigated && options.onTab())
            }
            return false
          },
          handleDrop(_view, _event, _slice, moved) {
            // Dragging text elsewhere is a move, which a suggestion cannot carry.
            if (!store.enabled || !moved) return false
            options.onRefused('move')
            return true
          },
        },
        view(editorView) {
          view = editorView
          const unsubscribe = store.subscribe(() => schedule())
          schedule()
          return {
            update(updated, previous) {
              const state = suggestionsKey.getState(updated.state)
              if (state && state !== suggestionsKey.getState(previous))
                options.onState(state, updated.state)
            },
            destroy() {
              unsubscribe()
              view = null
            },
          }
        },
      }),
    ]
  },
  addKeyboardShortcuts() {
    return {
      'Alt-ArrowDown': ({ editor }) => goToSuggestion(editor.view, 1) !== null,
      'Alt-ArrowUp': ({ editor }) => goToSuggestion(editor.view, -1) !== null,
    }
  },
})

/**
 * Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z while suggesting take back (or redo) what the
 * person last did to their suggestions, before Yjs undo could change the text.
 */
const SuggestingUndoKeys = Extension.create<Pick<SuggestingOptions, 'store' | 'history'>>({
  name: 'suggestingUndoKeys',
  priority: 1050,
  addOptions() {
    return { store: null, history: null }
  },
  addKeyboardShortcuts() {
    const { store, history } = this.options
    // The store tells the display of every change, so nothing else needs to follow here.
    const run = (redo: boolean) => {
      if (!store?.enabled || !history) return false
      if (redo) history.redo(store)
      else history.undo(store)
      return true
    }
    return { 'Mod-z': () => run(false), 'Mod-y': () => run(true), 'Shift-Mod-z': () => run(true) }
  },
})
