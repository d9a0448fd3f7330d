import { type FormEvent, useEffect, useId, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { useCommentsContext } from './CommentsContext.ts'
import type { Draft } from './draft.ts'
import type { Thread } from './types.ts'

function problem(draft: Draft, quote: string, body: string, replacement: string): string | null {
  if (quote.trim() === '')
    return 'Selecteer eerst de tekst in het voorstel, of typ de woorden hier over.'
  if (draft.kind === 'amendment' && replacement === quote)
    return 'De nieuwe tekst is nog gelijk aan de huidige tekst. Pas hem aan.'
  if (body.trim() === '')
    return draft.kind === 'amendment'
      ? 'Schrijf kort waarom u dit voorstelt.'
      : 'Schrijf eerst uw reactie.'
  return null
}

/**
 * The form for a new comment or amendment (C2). It shows the selected passage;
 * with nothing selected it asks for the words, which the server then finds in
 * the text. An amendment starts from the current words, so the person edits
 * them as in Word; emptying it proposes to delete the passage.
 */
export function NewThreadForm(props: {
  draft: Draft
  onCreated: (thread: Thread) => void
  onCancel: () => void
}) {
  const { draft, onCreated, onCancel } = props
  const { api, apply, announce } = useCommentsContext()
  const id = useId()
  const amendment = draft.kind === 'amendment'
  const [quote, setQuote] = useState(draft.quote)
  const [replacement, setReplacement] = useState(draft.quote)
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // The first field to fill in takes the focus: the words, the new text, or the reaction.
  const firstField = !draft.quote ? 'quote' : amendment ? 'replacement' : 'body'
  useEffect(() => document.getElementById(`${id}-${firstField}`)?.focus(), [id, firstField])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const wrong = problem(draft, quote, body, replacement)
    if (wrong) return setError(wrong)
    setBusy(true)
    try {
      const thread = await api.create({
        body,
        quote: draft.quote || quote.trim(),
        ...(draft.anchor && draft.quote ? { anchor: draft.anchor } : {}),
        ...(amendment ? { replacement } : {}),
      })
      apply(thread)
      announce(amendment ? 'Uw wijzigingsvoorstel is geplaatst.' : 'Uw reactie is geplaatst.')
      onCreated(thread)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Het plaatsen is niet gelukt.')
      setBusy(false)
    }
  }

  return (
    <form
      className="thread-form"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <h3 id={`${id}-title`} className="thread-form__title">
        {amendment ? 'Wijziging voorstellen' : 'Reageren'}
      </h3>
      {draft.quote ? (
        <div>
          <p className="thread-form__label">{amendment ? 'Huidige tekst' : 'U reageert op'}</p>
          <blockquote className="thread-quote">{draft.quote}</blockquote>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-quote`}>Over welke tekst gaat het?</label>
          <input
            id={`${id}-quote`}
            type="text"
            value={quote}
            aria-describedby={`${id}-quote-hint`}
            onChange={(event) => {
              // The new text follows the typed words until the person changes it.
              if (amendment && replacement === quote) setReplacement(event.target.value)
              setQuote(event.target.value)
            }}
          />
          <p id={`${id}-quote-hint`} className="thread-form__hint">
            Nu is geen tekst geselecteerd. Typ de woorden precies over, of annuleer en selecteer ze
            in het voorstel.
          </p>
        </div>
      )}
      {amendment && (
        <div className="field">
          <label htmlFor={`${id}-replacement`}>Nieuwe tekst</label>
          <textarea
            id={`${id}-replacement`}
            rows={3}
            value={replacement}
            aria-describedby={`${id}-replacement-hint`}
            onChange={(event) => setReplacement(event.target.value)}
          />
          <p id={`${id}-replacement-hint`} className="thread-form__hint">
            Maak het veld leeg om voor te stellen de tekst te schrappen.
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-body`}>{amendment ? 'Toelichting' : 'Uw reactie'}</label>
        <textarea
          id={`${id}-body`}
          rows={4}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {amendment ? 'Voorstel plaatsen' : 'Reactie plaatsen'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  )
}
