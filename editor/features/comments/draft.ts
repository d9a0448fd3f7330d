import type { EditorState } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { anchorFor, quoteOf } from './anchorPositions.ts'
import { threadAt } from './CommentHighlights.ts'
import type { ThreadAnchor } from './types.ts'

/** What a new reaction is about, taken from the selection when the form opened. */
export interface Draft {
  kind: 'comment' | 'amendment'
  /** The selected text; empty when nothing was selected (the form then asks for it). */
  quote: string
  anchor: ThreadAnchor | null
}

/** What "Reageer" does at the current selection. */
export type DraftStart = { draft: Draft } | { openThread: string }

/**
 * Starts a reaction from the editor's selection: the quote as the server
 * quotes it and the anchor of C2. With nothing selected and the caret in a
 * highlighted passage, "Reageer" opens that passage's thread instead — the
 * keyboard way from the text to its comments.
 */
export function startDraft(
  state: EditorState | null,
  kind: Draft['kind'],
  selection: { from: number; to: number } | null = state?.selection ?? null,
): DraftStart {
  if (!state || !selection) return { draft: { kind, quote: '', anchor: null } }
  const { from, to } = selection
  if (from === to) {
    const inside = kind === 'comment' ? threadAt(state, from) : null
    if (inside) return { openThread: inside }
    return { draft: { kind, quote: '', anchor: null } }
  }
  const range = trimmed(state, from, to)
  const quote = quoteOf(state, range)
  if (quote.trim() === '') return { draft: { kind, quote: '', anchor: null } }
  return { draft: { kind, quote, anchor: anchorFor(state, range) } }
}

/**
 * The selection as the browser has it now. ProseMirror reads the browser's
 * selection a moment after it changes, so a shortcut pressed right after
 * Shift+Arrow would otherwise get the selection one step behind.
 */
export function currentSelection(view: EditorView): { from: number; to: number } {
  const dom = view.dom.ownerDocument.getSelection()
  const inside = (node: Node | null | undefined) => !!node && view.dom.contains(node)
  if (dom && dom.rangeCount > 0 && inside(dom.anchorNode) && inside(dom.focusNode)) {
    try {
      const anchor = view.posAtDOM(dom.anchorNode!, dom.anchorOffset)
      const head = view.posAtDOM(dom.focusNode!, dom.focusOffset)
      return { from: Math.min(anchor, head), to: Math.max(anchor, head) }
    } catch {
      // A node ProseMirror does not map (another person's caret label): use its own.
    }
  }
  return view.state.selection
}

/**
 * The selection without block breaks at its ends (a triple click selects up to
 * the start of the next paragraph), so quote and anchor cover the same characters.
 */
function trimmed(state: EditorState, from: number, to: number) {
  let start = from
  let end = to
  while (start < end) {
    const at = state.doc.resolve(start)
    if (at.parent.inlineContent && at.parentOffset < at.parent.content.size) break
    start++
  }
  while (end > start) {
    const at = state.doc.resolve(end)
    if (at.parent.inlineContent && at.parentOffset > 0) break
    end--
  }
  return { from: start, to: end }
}
