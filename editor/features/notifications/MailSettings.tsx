import { useId, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import { useApi } from '../../lib/useApi.ts'

type Kind = 'reply' | 'decision' | 'round' | 'reminder'
interface Settings {
  mail: Record<Kind, boolean>
  email: string | null
}

const LABELS: Record<Kind, string> = {
  reply: 'Reacties op discussies waaraan ik meedoe',
  decision: 'Besluiten over mijn reacties en wijzigingsvoorstellen',
  round: 'Nieuwe consultatierondes',
  reminder: 'Herinneringen als een ronde bijna sluit',
}

/** Which notifications come by e-mail (M4): one switch per kind, saved at once. */
export function MailSettings() {
  const id = useId()
  const { state, reload } = useApi<Settings>('api/notifications/settings')
  const [message, setMessage] = useState('')

  const toggle = async (kind: Kind, on: boolean) => {
    try {
      await api('api/notifications/settings', { method: 'PUT', body: { mail: { [kind]: on } } })
      setMessage(
        on
          ? `U krijgt weer e-mail over: ${LABELS[kind].toLowerCase()}.`
          : `Geen e-mail meer over: ${LABELS[kind].toLowerCase()}.`,
      )
      await reload()
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Opslaan is niet gelukt.')
    }
  }

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Meldingen per e-mail</h2>
      {state.status === 'ready' && (
        <>
          <p>
            {state.data.email
              ? `E-mails gaan naar ${state.data.email}, hoogstens één per kwartier.`
              : 'Van u is geen e-mailadres bekend; u ziet uw meldingen alleen hier. Vraag de VNG-redactie om uw adres toe te voegen.'}
          </p>
          <fieldset className="field">
            <legend>Stuur mij een e-mail bij</legend>
            {(Object.keys(LABELS) as Kind[]).map((kind) => (
              <label key={kind} className="check">
                <input
                  type="checkbox"
                  checked={state.data.mail[kind]}
                  onChange={(event) => void toggle(kind, event.target.checked)}
                />
                {LABELS[kind]}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {state.status === 'error' && <p className="alert alert--warning">{state.error.message}</p>}
      <p role="status">{message}</p>
    </section>
  )
}
