import { PageTitle } from '../../lib/PageTitle.tsx'
import { NewLinkForm } from './NewLinkForm.tsx'
import type { SignedOutReason } from './SessionContext.ts'

const NOTICES: Record<SignedOutReason, { tone: 'info' | 'warning'; text: string } | null> = {
  none: null,
  signedOut: {
    tone: 'info',
    text: 'U bent afgemeld. Wat deze browser van u bewaarde, is gewist.',
  },
  invalid: {
    tone: 'warning',
    text: 'U bent afgemeld: uw link werkt niet (meer). Misschien is uw toegang ingetrokken.',
  },
  revoked: {
    tone: 'warning',
    text: 'U bent afgemeld: uw toegang is ingetrokken of uw link is niet meer geldig.',
  },
}

/** Shown when nobody is signed in: how to get in, and why one was signed out. */
export function SignInPage({ reason }: { reason: SignedOutReason }) {
  const notice = NOTICES[reason]
  return (
    <section className="stack" aria-labelledby="sign-in-title">
      <PageTitle title="Aanmelden">
        <span id="sign-in-title">Aanmelden bij Meeschrijven</span>
      </PageTitle>
      {notice && (
        <p className={`alert alert--${notice.tone}`} role="status" data-testid="signed-out-notice">
          {notice.text}
        </p>
      )}
      <p>
        U meldt zich aan met de persoonlijke link uit uw uitnodiging. Open die link opnieuw in deze
        browser.
      </p>
      <NewLinkForm />
      <p>Hebt u nooit een uitnodiging gekregen? Vraag de VNG-redactie om toegang.</p>
    </section>
  )
}
