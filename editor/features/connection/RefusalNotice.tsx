import { hrefFor } from '../../lib/route.ts'
import type { NextStep, Refusal } from './closeMessages.ts'

/** What the page does for each next step. */
export interface RefusalActions {
  reloadText(): void
  reconnect(): void
  signIn(): void
}

const LABELS: Record<NextStep, string> = {
  signIn: 'Naar aanmelden',
  overview: 'Naar het overzicht',
  reloadText: 'Tekst opnieuw laden',
  reconnect: 'Opnieuw verbinden',
  reloadPage: 'Pagina opnieuw laden',
}

/** A refusal (close code or refused edit) as a clear message with its next step. */
export function RefusalNotice({ refusal, actions }: { refusal: Refusal; actions: RefusalActions }) {
  const act = () => {
    if (refusal.next === 'reloadText') actions.reloadText()
    else if (refusal.next === 'reconnect') actions.reconnect()
    else if (refusal.next === 'signIn') actions.signIn()
    else window.location.reload()
  }
  return (
    <div className="alert alert--error" role="alert" data-testid="refusal">
      <h2 className="alert__title">{refusal.title}</h2>
      <p>{refusal.text}</p>
      {refusal.next === 'overview' ? (
        <a className="button" href={hrefFor({ name: 'overview' })}>
          {LABELS.overview}
        </a>
      ) : (
        <button type="button" className="button" onClick={act}>
          {LABELS[refusal.next]}
        </button>
      )}
    </div>
  )
}
