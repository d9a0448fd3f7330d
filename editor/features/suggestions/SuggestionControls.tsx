import type { Editor } from '@tiptap/core'
import type { MouseEvent } from 'react'
import { goToSuggestion } from './SuggestingMode.ts'
import './suggestions.css'
import { SUGGESTION_VIEWS, VIEW_LABELS } from './types.ts'
import type { SuggestionsController } from './useSuggestions.ts'

// Keeps the text's caret where it is when a button is pressed with the mouse.
const keepSelection = (event: MouseEvent) => event.preventDefault()

function sendingText(suggestions: SuggestionsController): string {
  const { sendState } = suggestions
  if (sendState.kind === 'waiting')
    return sendState.count === 1
      ? 'Uw voorstel wordt verstuurd zodra er weer verbinding is.'
      : `${sendState.count} voorstellen worden verstuurd zodra er weer verbinding is.`
  return sendState.kind === 'sending' ? 'Uw voorstel wordt verstuurd…' : ''
}

/**
 * "Wijzigingen voorstellen" (on and fixed for members), how the text shows
 * suggestions, and going from one suggestion to the next. Reachable by Tab,
 * with the shortcuts Alt+↓ and Alt+↑ in the text.
 */
export function SuggestionControls({
  suggestions,
  editor,
}: {
  suggestions: SuggestionsController
  editor: Editor | null
}) {
  const { enabled, alwaysOn, available, view } = suggestions
  const go = (direction: 1 | -1) => {
    if (!editor || editor.isDestroyed) return
    // The caret goes to the suggestion: the popover shows there and a screen reader hears it.
    editor.view.focus()
    if (!goToSuggestion(editor.view, direction))
      suggestions.announce('Er staan geen voorstellen in de tekst.')
  }
  const explanation = alwaysOn
    ? 'Wat u in de tekst typt of schrapt, wordt een voorstel aan de redactie. De tekst zelf verandert pas als de redactie het overneemt.'
    : enabled
      ? 'Wat u nu typt of schrapt, wordt een voorstel; de tekst zelf verandert niet.'
      : 'Zet dit aan om wijzigingen voor te stellen in plaats van ze direct te maken.'
  return (
    <div className="suggestion-controls" data-testid="suggestion-controls">
      <div className="suggestion-controls__row">
        {available && (
          <button
            type="button"
            className="button button--secondary suggestion-toggle"
            aria-pressed={enabled}
            aria-disabled={alwaysOn || undefined}
            aria-describedby="voorstellen-uitleg"
            onMouseDown={keepSelection}
            onClick={() => !alwaysOn && suggestions.toggle()}
          >
            Wijzigingen voorstellen
          </button>
        )}
        <fieldset className="inline-fieldset suggestion-views">
          <legend className="visually-hidden">Weergave van voorstellen</legend>
          {SUGGESTION_VIEWS.map((value) => (
            <label key={value} className="suggestion-views__option">
              <input
                type="radio"
                name="voorstellen-weergave"
                value={value}
                checked={view === value}
                onChange={() => suggestions.setView(value)}
              />
              {VIEW_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <span className="suggestion-controls__nav">
          <button
            type="button"
            className="button button--secondary"
            aria-keyshortcuts="Alt+ArrowUp"
            title="Vorig voorstel (Alt+↑)"
            onMouseDown={keepSelection}
            onClick={() => go(-1)}
          >
            Vorig voorstel
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-keyshortcuts="Alt+ArrowDown"
            title="Volgend voorstel (Alt+↓)"
            onMouseDown={keepSelection}
            onClick={() => go(1)}
          >
            Volgend voorstel
          </button>
        </span>
      </div>
      {available && (
        <p id="voorstellen-uitleg" className="suggestion-controls__hint">
          {explanation}
        </p>
      )}
      <p className="suggestion-controls__status" role="status" data-testid="suggestion-status">
        {suggestions.notice || sendingText(suggestions)}
      </p>
    </div>
  )
}
