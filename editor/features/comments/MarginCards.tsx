import type { Editor } from '@tiptap/core'
import { useEffect, useRef } from 'react'
import { resolveAnchor } from './anchorPositions.ts'
import { excerpt, kindLabel, personLabel } from './threadText.ts'
import type { Thread } from './types.ts'

/** Space between two cards that would otherwise touch. */
const GAP = 8

/**
 * Lays the cards out beside their passages: each at the height of the start of
 * its text, pushed down below the card above it when two are close. Only
 * reads the editor; the cards are moved by their style, not by React.
 */
function layOut(editor: Editor, box: HTMLElement, threads: Map<string, Thread>): void {
  const origin = box.getBoundingClientRect().top
  const wanted: Array<{ card: HTMLElement; top: number }> = []
  for (const card of box.querySelectorAll<HTMLElement>('[data-thread-id]')) {
    const thread = threads.get(card.dataset.threadId ?? '')
    const range = thread && resolveAnchor(editor.state, thread.anchor, thread.quote === '')
    card.hidden = !range
    if (range) wanted.push({ card, top: editor.view.coordsAtPos(range.from).top - origin })
  }
  let bottom = Number.NEGATIVE_INFINITY
  for (const { card, top } of wanted.sort((a, b) => a.top - b.top)) {
    const placed = Math.max(top, bottom + GAP)
    card.style.top = `${Math.round(placed)}px`
    bottom = placed + card.offsetHeight
  }
}

/**
 * The open reactions in the margin beside the text they belong to, as Word
 * and Google Docs show them, on wide screens (from 1400 px, comments.css).
 * They repeat the list in the side panel, which stays the way for the
 * keyboard and screen readers: the margin is hidden from assistive
 * technology and takes no focus; a click opens the reaction in the list.
 */
export function MarginCards(props: {
  editor: Editor | null
  threads: Thread[]
  activeId: string | null
  onOpen: (threadId: string) => void
}) {
  const { editor, activeId, onOpen } = props
  const box = useRef<HTMLDivElement>(null)
  const open = props.threads.filter((thread) => thread.status === 'open' && thread.anchored)
  const byId = useRef(new Map<string, Thread>())
  byId.current = new Map(open.map((thread) => [thread.id, thread]))
  const scheduled = useRef<(() => void) | null>(null)

  useEffect(() => {
    const root = box.current
    if (!editor || !root) return
    let frame = 0
    const measure = () => {
      frame = 0
      if (!editor.isDestroyed) layOut(editor, root, byId.current)
    }
    // One layout per frame, however many transactions arrive in it.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure)
    }
    schedule()
    scheduled.current = schedule
    editor.on('transaction', schedule)
    const resized = new ResizeObserver(schedule)
    resized.observe(editor.view.dom)
    resized.observe(root)
    window.addEventListener('resize', schedule)
    return () => {
      if (frame) cancelAnimationFrame(frame)
      editor.off('transaction', schedule)
      resized.disconnect()
      window.removeEventListener('resize', schedule)
      scheduled.current = null
    }
  }, [editor])
  // After every render (a card added, removed or changed): lay them out again.
  useEffect(() => scheduled.current?.())

  return (
    <div ref={box} className="margin-cards" aria-hidden="true" data-testid="margin-cards">
      {open.map((thread) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut to the list's own button, which the keyboard reaches
        // biome-ignore lint/a11y/useKeyWithClickEvents: the same reaction is a button in the list
        <div
          key={thread.id}
          className={`margin-card${thread.id === activeId ? ' margin-card--active' : ''}`}
          data-thread-id={thread.id}
          style={{ ['--suggestion-color' as string]: thread.color ?? undefined }}
          onClick={() => onOpen(thread.id)}
        >
          <span className="margin-card__kind">{kindLabel(thread)}</span>
          <span className="margin-card__who">{personLabel(thread.createdBy)}</span>
          <span className="margin-card__text">
            {thread.kind === 'amendment'
              ? `“${excerpt(thread.replacement ?? '', 60)}”`
              : excerpt(thread.comments[0]?.body ?? '', 60)}
          </span>
        </div>
      ))}
    </div>
  )
}
