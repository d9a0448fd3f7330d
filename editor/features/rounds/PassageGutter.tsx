import type { Editor } from '@tiptap/core'
import { countsText } from './positionLabels.ts'
import { StackedBar } from './StackedBar.tsx'
import type { Summary } from './types.ts'
import { usePassagePlaces } from './usePassagePlaces.ts'

/**
 * Beside the text: each passage's number (R3, of the live text), and during a
 * round a small bar of the four positions on it, which opens the passage's
 * positions. The numbers repeat what the outline shows and are hidden from
 * screen readers; each bar is a button that says its passage and counts.
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
  return (
    <div className="passage-gutter" data-testid="passage-gutter">
      {places.map((place) => {
        const block = place.blockId ? inRound.get(place.blockId) : undefined
        if (!place.number && !block) return null
        return (
          <div
            key={place.blockId ?? `pos-${place.pos}`}
            className="passage-gutter__item"
            style={{ top: place.top }}
          >
            {place.number && (
              <span
                className="passage-gutter__number"
                aria-hidden="true"
                data-testid="passage-number"
              >
                {place.number}
              </span>
            )}
            {block && (
              <button
                type="button"
                className="passage-gutter__bar"
                aria-pressed={selected === block.blockId}
                data-testid="position-bar"
                data-block-id={block.blockId}
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
      })}
    </div>
  )
}
