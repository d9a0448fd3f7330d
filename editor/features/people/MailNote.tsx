import { useApi } from '../../lib/useApi.ts'

/** Says where mail goes when it is not sent (M2: no SMTP set up), so nobody waits for it in vain. */
export function MailNote() {
  const { state } = useApi<{ mode: 'smtp' | 'outbox'; pending: number }>('api/mail')
  if (state.status !== 'ready' || state.data.mode === 'smtp') return null
  return (
    <p className="alert alert--warning" data-testid="mail-note">
      Let op: deze installatie verstuurt geen e-mail. Uitnodigingen en meldingen worden als
      bestanden bewaard in de map <code>outbox</code> bij de gegevens van de server. Vraag de
      beheerder om SMTP_URL en MAIL_FROM in te stellen, of stuur de links zelf door.
    </p>
  )
}
