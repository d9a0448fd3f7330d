import type { Editor } from '@tiptap/core'
import { type KeyboardEvent, useRef, useState } from 'react'
import { useRovingFocus } from '../toolbar/useRovingFocus.ts'
import { countsText } from './positionLabels.ts'
import { StackedBar } from './StackedBar.tsx'
import type { Summary } from './types.ts'
import { type PlacedPassage, usePassagePlaces } from './usePassagePlaces.ts'

/** Passages that stand on one line: the cells of a table row. */
function byLine(places: PlacedPassage[]): PlacedPassage[][] {
  const lines: PlacedPassage[][] = []
  for (const place of places) {
    const line = lines[lines.length - 1]
    if (line && line[0]!.top === place.top) line.push(place)
    else lines.push([place])
  }
  return lines
}

/**
 * Beside the text: each passage's number (R3, of the live text), and during a
 * round a small bar of the four positions on it, which opens the passage's
 * positions. The numbers repeat what the outline shows and are hidden from
 * screen readers; each bar is a button that says its passage and counts. The
 * bars are one Tab stop (a vertical toolbar): the arrow keys, Home and End go
 * from passage to passage, so a text of hundreds of passages does not stand
 * between the keyboard and the side panel. The cells of a table row stand on one line: their numbers stand under each
 * other, in the order of the cells.
 */
export function PassageGutter(props: {
  editor: Editor | null
  host: HTMLElement
  summary: Summary | null
  selected: string | null
  onSelect: (blockId: string) => void
}) {
  const { editor, host, summary, selected, onSelect } = props
  const places = usePassagePlaces(editor, host)
  const inRound = new Map(summary?.blocks.map((block) => [block.blockId, block]))
  const group = useRef<HTMLDivElement>(null)
  const rove = useRovingFocus(group)
  const [focused, setFocused] = useState<string | null>(null)
  const withBars = places.filter((place) => place.blockId && inRound.has(place.blockId))
  // The bar that takes the Tab stop: the last one used, else the chosen one, else the first.
  const tabStop = [focused, selected].find((id) => withBars.some((p) => p.blockId === id))
  const current = tabStop ?? withBars[0]?.blockId ?? null

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    rove(event)
    // Centred, so the bar is not hidden under the toolbar that stays at the top.
    if (event.defaultPrevented) document.activeElement?.scrollIntoView({ block: 'center' })
  }

  // Empty passages have no number; they are shown only when a round has them.
  const shown = places.filter((place) => place.number || inRound.has(place.blockId ?? ''))
  const item = (place: PlacedPassage) => {
    const block = place.blockId ? inRound.get(place.blockId) : undefined
    return (
      <div key={place.blockId ?? `pos-${place.pos}`} className="passage-gutter__item">
        {place.number && (
          <span className="passage-gutter__number" aria-hidden="true" data-testid="passage-number">
            {place.number}
          </span>
        )}
        {block && (
          <button
            type="button"
            className="passage-gutter__bar"
            data-roving
            tabIndex={block.blockId === current ? 0 : -1}
            aria-pressed={selected === block.blockId}
            data-testid="position-bar"
            data-block-id={block.blockId}
            onFocus={() => setFocused(block.blockId)}
            onClick={() => onSelect(block.blockId)}
          >
            <StackedBar counts={block.counts} />
            <span className="visually-hidden">
              Passage {block.number}: {countsText(block.counts)}. Toon de standpunten.
            </span>
          </button>
        )}
      </div>
    )
  }
  return (
    <div
      ref={group}
      className="passage-gutter"
      data-testid="passage-gutter"
      {...(withBars.length > 0
        ? {
            role: 'toolbar',
            'aria-label': 'Standpunten per passage',
            'aria-orientation': 'vertical' as const,
            onKeyDown,
          }
        : {})}
    >
      {byLine(shown).map((line) => (
        <div
          key={line[0]!.blockId ?? `pos-${line[0]!.pos}`}
          className="passage-gutter__line"
          style={{ top: line[0]!.top }}
        >
          {line.map(item)}
        </div>
      ))}
    </div>
  )
}
