import { type FormEvent, useId, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'

/**
 * "Stuur mij een nieuwe link" (M3): a new sign-in link by e-mail. The answer is
 * the same for every address, so the page never says whether one is known.
 */
export function NewLinkForm() {
  const id = useId()
  const [email, setEmail] = useState('')
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'sent' | 'error'; text: string }>({
    kind: 'idle',
    text: '',
  })

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!email.trim()) return setState({ kind: 'error', text: 'Vul uw e-mailadres in.' })
    setState({ kind: 'busy', text: '' })
    try {
      const answer = await api<{ message: string }>('api/sign-in-link', {
        method: 'POST',
        body: { email: email.trim() },
      })
      setState({ kind: 'sent', text: answer.message })
    } catch (error) {
      setState({
        kind: 'error',
        text: error instanceof ApiError ? error.message : 'Versturen is niet gelukt.',
      })
    }
  }

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Stuur mij een nieuwe link</h2>
      <p>
        Bent u uw link kwijt, of werkt hij niet meer? Vul het e-mailadres in waarop u de uitnodiging
        kreeg. U krijgt dan een nieuwe link; uw oude links blijven werken.
      </p>
      <form className="form stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>E-mailadres</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            value={email}
            aria-describedby={state.kind === 'error' ? `${id}-error` : undefined}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        {state.kind === 'error' && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {state.text}
          </p>
        )}
        <button type="submit" className="button" disabled={state.kind === 'busy'}>
          Stuur mij een nieuwe link
        </button>
      </form>
      <p
        role="status"
        data-testid="new-link-status"
        className={state.kind === 'sent' ? 'alert alert--success' : undefined}
      >
        {state.kind === 'sent' ? state.text : ''}
      </p>
    </section>
  )
}
