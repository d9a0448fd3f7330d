import { useId, useState } from 'react'
import { useCommentsContext } from './CommentsContext.ts'
import { threadToggleId } from './threadDom.ts'
import { DECISION_LABELS, DECISIONS, type Decision, type Thread } from './types.ts'
import { useAction } from './useAction.ts'

/**
 * The VNG editor's decision on an open thread (C5, C6), with an optional note
 * for the reactienota. A comment gets one of the three decisions; an
 * amendment is taken over into the text, partly processed, or rejected.
 */
export function DecisionForm({ thread }: { thread: Thread }) {
  const { api } = useCommentsContext()
  const action = useAction()
  const id = useId()
  const [decision, setDecision] = useState<Decision>('verwerkt')
  const [note, setNote] = useState('')
  const amendment = thread.kind === 'amendment'

  const decide = async (how: 'accept' | 'reject' | Decision) => {
    const done = await action.run(async () => {
      if (how === 'reject') return api.reject(thread.id, note)
      if (how !== 'accept') return api.resolve(thread.id, how, note)
      const accepted = await api.accept(thread.id)
      // Accepting takes no note; a typed note is added with the same decision.
      return note.trim() ? api.resolve(thread.id, 'verwerkt', note) : accepted
    }, outcome(how))
    // The form is gone once the thread is resolved: the thread's heading takes the focus.
    if (done)
      requestAnimationFrame(() => document.getElementById(threadToggleId(thread.id))?.focus())
  }

  return (
    <form
      className="decision-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault()
        void decide(decision)
      }}
    >
      <h4 id={`${id}-title`} className="decision-form__title">
        Besluit van de redactie
      </h4>
      {!amendment && (
        <fieldset className="inline-fieldset decision-form__choices">
          <legend>Besluit</legend>
          {DECISIONS.map((value) => (
            <label key={value} className="check">
              <input
                type="radio"
                name={`${id}-decision`}
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
              />
              {DECISION_LABELS[value]}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>Toelichting (niet verplicht)</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {action.error && (
        <p className="field-error" role="alert">
          {action.error}
        </p>
      )}
      <div className="button-row">
        {amendment ? (
          <>
            <button
              type="button"
              className="button"
              disabled={action.busy}
              onClick={() => void decide('accept')}
            >
              Overnemen in de tekst
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={action.busy}
              onClick={() => void decide('deels-verwerkt')}
            >
              Deels verwerkt
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={action.busy}
              onClick={() => void decide('reject')}
            >
              Afwijzen
            </button>
          </>
        ) : (
          <button type="submit" className="button" disabled={action.busy}>
            Afhandelen
          </button>
        )}
      </div>
    </form>
  )
}

function outcome(how: 'accept' | 'reject' | Decision): string {
  if (how === 'accept') return 'Het wijzigingsvoorstel is overgenomen in de tekst.'
  if (how === 'reject') return 'Het wijzigingsvoorstel is afgewezen.'
  return `Afgehandeld: ${DECISION_LABELS[how].toLowerCase()}.`
}
