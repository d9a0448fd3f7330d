import { useCallback, useEffect, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'

type State =
  | { kind: 'busy' }
  | { kind: 'done'; subscribed: boolean }
  | { kind: 'error'; text: string }

/**
 * The unsubscribe link of notification mails (M4): opening it is the one click
 * — no sign-in — and the page offers to undo it.
 */
export function UnsubscribePage({ token }: { token: string | null }) {
  const [state, setState] = useState<State>({ kind: 'busy' })

  const send = useCallback(
    async (subscribe: boolean) => {
      setState({ kind: 'busy' })
      try {
        const answer = await api<{ subscribed: boolean }>(
          `api/unsubscribe?token=${encodeURIComponent(token ?? '')}`,
          { method: 'POST', body: { subscribe } },
        )
        setState({ kind: 'done', subscribed: answer.subscribed })
      } catch (error) {
        setState({
          kind: 'error',
          text:
            error instanceof ApiError
              ? error.message
              : 'Dat is niet gelukt. Probeer het later opnieuw.',
        })
      }
    },
    [token],
  )

  // Opening the link is the click: once per link.
  useEffect(() => {
    void send(false)
  }, [send])

  return (
    <section className="stack" aria-labelledby="unsubscribe-title">
      <PageTitle title="Afmelden voor e-mails">
        <span id="unsubscribe-title">Afmelden voor e-mails</span>
      </PageTitle>
      <div role="status" data-testid="unsubscribe-status">
        {state.kind === 'busy' && <p>Even geduld…</p>}
        {state.kind === 'done' && !state.subscribed && (
          <p className="alert alert--success">
            U krijgt geen meldingen meer per e-mail. Uw meldingen blijven zichtbaar in Meeschrijven,
            onder Meldingen.
          </p>
        )}
        {state.kind === 'done' && state.subscribed && (
          <p className="alert alert--success">U krijgt weer meldingen per e-mail.</p>
        )}
        {state.kind === 'error' && <p className="alert alert--warning">{state.text}</p>}
      </div>
      {state.kind === 'done' && !state.subscribed && (
        <button type="button" className="button button--secondary" onClick={() => void send(true)}>
          Toch weer e-mails ontvangen
        </button>
      )}
      <p>
        <a href="#/">Naar Meeschrijven</a>
      </p>
    </section>
  )
}
