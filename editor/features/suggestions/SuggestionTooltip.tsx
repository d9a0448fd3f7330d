import type { Editor } from '@tiptap/core'
import { useEffect, useId, useRef, useState } from 'react'
import { changeText, whoAndWhen } from './suggestionText.ts'
import type { PlacedSuggestion } from './types.ts'

interface Shown {
  suggestion: PlacedSuggestion
  top: number
  left: number
}

/** The suggestion whose inserted or struck-through text is at (or inside) `target`. */
function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('[data-suggestion-id]') : null
}

/**
 * Who made a suggestion and when, over its text while the pointer is on it:
 * "Gemeente Zwolle, 4 dec. 14:03" and what it changes. It stays while the
 * pointer moves onto it and goes with Escape (WCAG 1.4.13). Keyboard users
 * reach the same words by moving the caret onto the suggestion, where the
 * popover shows them and the announcer says them.
 */
export function SuggestionTooltip(props: { editor: Editor; placed: PlacedSuggestion[] }) {
  const { editor } = props
  const id = useId()
  const [shown, setShown] = useState<Shown | null>(null)
  const placed = useRef(props.placed)
  placed.current = props.placed
  const tip = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const dom = editor.view.dom
    const over = (event: MouseEvent) => {
      const mark = markOf(event.target)
      const suggestion = mark && placed.current.find((s) => s.id === mark.dataset.suggestionId)
      const box = dom.closest('.editor')?.getBoundingClientRect()
      if (!mark || !suggestion || !box) return
      const at = mark.getBoundingClientRect()
      setShown({ suggestion, top: at.top - box.top, left: Math.max(0, at.left - box.left) })
    }
    const out = (event: MouseEvent) => {
      const to = event.relatedTarget
      if (to instanceof Node && tip.current?.contains(to)) return
      if (markOf(to)?.dataset.suggestionId === markOf(event.target)?.dataset.suggestionId) return
      setShown(null)
    }
    const dismiss = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setShown(null)
    }
    dom.addEventListener('mouseover', over)
    dom.addEventListener('mouseout', out)
    document.addEventListener('keydown', dismiss)
    return () => {
      dom.removeEventListener('mouseover', over)
      dom.removeEventListener('mouseout', out)
      document.removeEventListener('keydown', dismiss)
    }
  }, [editor])

  // A suggestion that was decided or withdrawn under the pointer takes its tooltip along.
  const current = shown && props.placed.find((s) => s.id === shown.suggestion.id)
  if (!shown || !current) return null
  return (
    <div
      ref={tip}
      id={id}
      role="tooltip"
      className="suggestion-tooltip"
      data-testid="suggestion-tooltip"
      style={{
        top: shown.top,
        left: shown.left,
        ['--suggestion-color' as string]: current.color,
      }}
      onMouseLeave={(event) => {
        if (!markOf(event.relatedTarget)) setShown(null)
      }}
    >
      <span className="suggestion-tooltip__who">{whoAndWhen(current)}</span>
      <span>{changeText(current)}</span>
    </div>
  )
}
