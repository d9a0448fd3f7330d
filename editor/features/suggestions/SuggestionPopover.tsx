import type { Editor } from '@tiptap/core'
import { useId, useLayoutEffect, useState } from 'react'
import { formatShortDateTime } from '../../../shared/dates.ts'
import { ApiError } from '../../lib/api.ts'
import { personLabel } from '../comments/threadText.ts'
import { decideAll, decidedText } from './decideAll.ts'
import { showSuggestionHere } from './SuggestingMode.ts'
import { changeText } from './suggestionText.ts'
import type { PlacedSuggestion } from './types.ts'
import type { SuggestionsController } from './useSuggestions.ts'

/** Where the popover goes: under the start of the suggestion, inside the editor's box. */
function placeOf(editor: Editor, suggestion: PlacedSuggestion) {
  const box = editor.view.dom.closest('.editor')?.getBoundingClientRect()
  const at = editor.view.coordsAtPos(suggestion.from)
  if (!box) return { top: 0, left: 0 }
  return { top: at.bottom - box.top + 6, left: Math.max(0, at.left - box.left - 8) }
}

/** The other open suggestions of the passage this one starts in. */
function inPassage(editor: Editor, suggestion: PlacedSuggestion, placed: PlacedSuggestion[]) {
  const $from = editor.state.doc.resolve(suggestion.from)
  const start = $from.start()
  const end = $from.end()
  return placed.filter((s) => s.threadId && s.from >= start && s.from <= end)
}

/**
 * The suggestion at the caret: who proposed what and when, and what can be
 * done with it here — "Overnemen" and "Afwijzen" for the VNG editors (also
 * for all of the passage), withdrawing one's own, and its reactions. Tab from
 * the text comes here; Escape goes back to the text.
 */
export function SuggestionPopover(props: {
  editor: Editor
  suggestion: PlacedSuggestion
  suggestions: SuggestionsController
  isEditor: boolean
  onOpenThread: (threadId: string) => void
}) {
  const { editor, suggestion, suggestions, isEditor } = props
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState(false)
  const [note, setNote] = useState('')
  const [place, setPlace] = useState(() => placeOf(editor, suggestion))
  useLayoutEffect(() => setPlace(placeOf(editor, suggestion)), [editor, suggestion])
  const back = () => editor.commands.focus()
  const { threadId } = suggestion
  const passage = isEditor ? inPassage(editor, suggestion, suggestions.placed) : []

  const run = async (work: () => Promise<string>) => {
    setBusy(true)
    setError(null)
    try {
      suggestions.announce(await work())
      back()
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught.message : 'Er ging iets mis. Probeer het opnieuw.',
      )
    } finally {
      setBusy(false)
    }
  }
  const decide = (how: 'accept' | 'reject', ids: string[]) =>
    run(async () => {
      const decided = await decideAll(suggestions.api, ids, how, note)
      for (const thread of decided.done) suggestions.applyThread(thread)
      if (decided.done.length === 0 && decided.failed[0])
        throw new ApiError(409, 'conflict', decided.failed[0].message)
      return decidedText(decided, how)
    })
  /** Shows another suggestion of the same place, keeping the focus in the popover. */
  const showOther = (otherId: string) => {
    showSuggestionHere(editor.view, otherId)
    requestAnimationFrame(() =>
      suggestions.popover.current?.querySelector<HTMLElement>('button')?.focus(),
    )
  }
  const withdraw = () =>
    run(async () => {
      suggestions.withdraw(suggestion.id)
      return 'Uw voorstel is ingetrokken.'
    })

  return (
    // biome-ignore lint/a11y/useSemanticElements: a popover over the text groups its buttons; it is no form to fill in
    <div
      ref={suggestions.popover}
      role="group"
      aria-labelledby={`${id}-wie`}
      className="suggestion-popover"
      data-testid="suggestion-popover"
      style={{
        top: place.top,
        left: place.left,
        ['--suggestion-color' as string]: suggestion.color,
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        back()
      }}
    >
      <p id={`${id}-wie`} className="suggestion-popover__who">
        Voorstel van {suggestion.mine ? 'uzelf' : personLabel(suggestion.person)}
        {suggestion.createdAt
          ? `, ${formatShortDateTime(suggestion.createdAt)}`
          : ' (nog niet verstuurd)'}
      </p>
      <p className="suggestion-popover__what">{changeText(suggestion)}</p>
      {suggestion.quoteChanged && (
        <p className="suggestion-popover__warning">
          De tekst is veranderd sinds dit voorstel. Overnemen kan pas als de indiener het aanpast.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {rejecting && (
        <div className="field">
          <label htmlFor={`${id}-toelichting`}>Toelichting (niet verplicht)</label>
          <textarea
            id={`${id}-toelichting`}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      )}
      <div className="button-row suggestion-popover__actions">
        {isEditor && threadId && !rejecting && (
          <button
            type="button"
            className="button"
            disabled={busy || suggestion.quoteChanged}
            onClick={() => void decide('accept', [threadId])}
          >
            Overnemen
          </button>
        )}
        {isEditor && threadId && (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => (rejecting ? void decide('reject', [threadId]) : setRejecting(true))}
          >
            {rejecting ? 'Afwijzen met deze toelichting' : 'Afwijzen'}
          </button>
        )}
        {suggestion.mine && (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void withdraw()}
          >
            Intrekken
          </button>
        )}
        {threadId && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => props.onOpenThread(threadId)}
          >
            Reageren
          </button>
        )}
      </div>
      {suggestions.hereToo.length > 0 && !rejecting && (
        <div className="suggestion-popover__here" data-testid="suggestions-here-too">
          <p>
            {suggestions.hereToo.length === 1
              ? 'Op deze plek staat nog een voorstel:'
              : `Op deze plek staan nog ${suggestions.hereToo.length} voorstellen:`}
          </p>
          <div className="button-row">
            {suggestions.hereToo.map((other) => (
              <button
                key={other.id}
                type="button"
                className="button button--secondary"
                onClick={() => showOther(other.id)}
              >
                Toon het voorstel van {other.mine ? 'uzelf' : personLabel(other.person)}
              </button>
            ))}
          </div>
        </div>
      )}
      {passage.length > 1 && !rejecting && (
        <div className="suggestion-popover__passage">
          <p>Alle {passage.length} voorstellen in deze passage:</p>
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() =>
                void decide(
                  'accept',
                  passage.map((s) => s.threadId!),
                )
              }
            >
              Alle overnemen
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() =>
                void decide(
                  'reject',
                  passage.map((s) => s.threadId!),
                )
              }
            >
              Alle afwijzen
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
