import type { Editor } from '@tiptap/core'
import { resolveAnchor } from './anchorPositions.ts'
import { inTextOrder } from './threadFilters.ts'
import type { Thread } from './types.ts'

/** The id of a thread's toggle button in the panel, where focus goes when it opens. */
export function threadToggleId(threadId: string): string {
  return `reactie-${threadId}`
}

/** Threads in the order of their text as it is now in this editor. */
export function orderedThreads(editor: Editor | null, threads: Thread[]): Thread[] {
  if (!editor || editor.isDestroyed) return threads
  const positions = new Map<string, number>()
  for (const thread of threads) {
    const range = thread.anchored ? resolveAnchor(editor.state, thread.anchor) : null
    if (range) positions.set(thread.id, range.from)
  }
  return inTextOrder(threads, positions)
}

/** Scrolls the text so that a thread's highlighted passage is in view. */
export function scrollToThreadText(editor: Editor, threadId: string): void {
  if (editor.isDestroyed) return
  const mark = editor.view.dom.querySelector(`[data-thread-ids~="${CSS.escape(threadId)}"]`)
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches
  mark?.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' })
}
