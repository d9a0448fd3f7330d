import { changeText } from './suggestionText.ts'
import type { SuggestionsController } from './useSuggestions.ts'

/**
 * Suggestions the server refused (the text they were on is gone, say): kept
 * in the browser with their words until the person tries again, copies them or
 * lets them go — never thrown away unasked.
 */
export function FailedSuggestions({ suggestions }: { suggestions: SuggestionsController }) {
  if (suggestions.failed.length === 0) return null
  return (
    <div className="alert alert--warning" role="alert" data-testid="failed-suggestions">
      <p>
        <strong>
          {suggestions.failed.length === 1
            ? 'Eén voorstel is nog niet geplaatst.'
            : `${suggestions.failed.length} voorstellen zijn nog niet geplaatst.`}
        </strong>
      </p>
      <ul className="failed-suggestions">
        {suggestions.failed.map((draft) => (
          <li key={draft.key}>
            <p>
              {changeText(draft)} — {draft.error}
            </p>
            <div className="button-row">
              <button type="button" className="button" onClick={() => suggestions.retry(draft.key)}>
                Opnieuw proberen
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void navigator.clipboard?.writeText(draft.replacement)}
              >
                Tekst kopiëren
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => suggestions.discard(draft.key)}
              >
                Weggooien
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
