import { type Editor, Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import type { DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { resolveAnchor, type TextRange } from './anchorPositions.ts'
import { highlightDecorations } from './highlightSegments.ts'
import type { ThreadAnchor } from './types.ts'

/** What the highlights need of a thread. */
export interface HighlightThread {
  id: string
  kind: 'comment' | 'amendment'
  anchor: ThreadAnchor
  anchored: boolean
  open: boolean
}

interface HighlightState {
  threads: HighlightThread[]
  activeId: string | null
  /** Where each anchored thread's text is now, resolved threads too (for order and scrolling). */
  ranges: Map<string, TextRange>
  decorations: DecorationSet
}

type Update = { threads: HighlightThread[]; activeId: string | null }

/** The plugin's key; {@link setHighlights} and {@link highlightRanges} go through it. */
export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights')

/** Resolves every anchored thread; `fallback` stands in for positions that do not resolve. */
function resolveAll(
  state: EditorState,
  threads: HighlightThread[],
  fallback: Map<string, TextRange>,
) {
  const ranges = new Map<string, TextRange>()
  for (const thread of threads) {
    if (!thread.anchored) continue
    const range = resolveAnchor(state, thread.anchor) ?? fallback.get(thread.id)
    if (range) ranges.set(thread.id, range)
  }
  return ranges
}

function build(state: EditorState, update: Update, ranges: Map<string, TextRange>): HighlightState {
  // Resolved threads are not drawn (as in Word), except the one that is open in the panel.
  const shown = update.threads
    .filter((thread) => thread.open || thread.id === update.activeId)
    .flatMap((thread) => {
      const range = ranges.get(thread.id)
      return range ? [{ id: thread.id, kind: thread.kind, ...range }] : []
    })
  const decorations = highlightDecorations(state.doc, shown, update.activeId)
  return { ...update, ranges, decorations }
}

function mapRanges(ranges: Map<string, TextRange>, tr: Transaction) {
  const mapped = new Map<string, TextRange>()
  for (const [id, range] of ranges) {
    // Typing at either edge stays outside, as the server's anchors do (C3).
    const from = tr.mapping.map(range.from, 1)
    const to = tr.mapping.map(range.to, -1)
    if (to > from) mapped.set(id, { from, to })
  }
  return mapped
}

function apply(tr: Transaction, previous: HighlightState, state: EditorState): HighlightState {
  const update = tr.getMeta(commentHighlightsKey) as Update | undefined
  const remote = tr.getMeta(ySyncPluginKey) !== undefined
  if (!update && !tr.docChanged) return previous
  if (tr.docChanged && !remote) {
    // An own edit reaches Yjs only after this transaction, so the binding still
    // describes the old text: follow the edit through ProseMirror's mapping.
    // The next change from Yjs or the server resolves the anchors afresh.
    return build(state, update ?? previous, mapRanges(previous.ranges, tr))
  }
  // A change from Yjs (another person, the server) rebuilds the document and the
  // binding's mapping first, so the anchors resolve against the current text.
  const fallback = tr.docChanged ? new Map<string, TextRange>() : previous.ranges
  const next = update ?? previous
  return build(state, next, resolveAll(state, next.threads, fallback))
}

/**
 * Highlights the text of open threads with inline decorations (overlaps drawn
 * in layers) and opens a thread when its text is clicked. Decorations only
 * change how text looks, so reviewers' editors never write to the document.
 */
export const CommentHighlights = Extension.create<{ onActivate: (threadId: string) => void }>({
  name: 'commentHighlights',
  addOptions() {
    return { onActivate: () => undefined }
  },
  addProseMirrorPlugins() {
    const options = this.options
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => build(state, { threads: [], activeId: null }, new Map()),
          apply: (tr, previous, _old, state) => apply(tr, previous, state),
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick: (view, pos, event) => {
            // The clicked segment names its threads, innermost first.
            const target = event.target instanceof Element ? event.target : null
            const ids = target?.closest('[data-thread-ids]')?.getAttribute('data-thread-ids')
            const id = ids?.split(' ')[0] ?? threadAt(view.state, pos)
            if (id && view.state.selection.empty) options.onActivate(id)
            return false
          },
        },
      }),
    ]
  },
})

/** The innermost highlighted thread at `pos`, if any. */
export function threadAt(state: EditorState, pos: number): string | null {
  const found = commentHighlightsKey.getState(state)?.decorations.find(pos, pos) ?? []
  const hit =
    found.find((decoration) => decoration.from <= pos && pos < decoration.to) ??
    found.find((decoration) => decoration.from < pos)
  const ids = hit?.spec.threadIds as string[] | undefined
  return ids?.[0] ?? null
}

/** Gives the highlights the current threads and the one open in the panel. */
export function setHighlights(editor: Editor, threads: HighlightThread[], activeId: string | null) {
  if (editor.isDestroyed) return
  const tr = editor.state.tr.setMeta(commentHighlightsKey, { threads, activeId })
  editor.view.dispatch(tr.setMeta('addToHistory', false))
}

/** Where each anchored thread's text is now. */
export function highlightRanges(state: EditorState): ReadonlyMap<string, TextRange> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map()
}
