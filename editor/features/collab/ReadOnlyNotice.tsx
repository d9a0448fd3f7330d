import type { Role } from '../../../shared/roles.ts'

/** Why this person can read but not change the text (A2, H4). */
export function ReadOnlyNotice({ role, frozen }: { role: Role; frozen: boolean }) {
  return (
    <div className="alert alert--info" id="alleen-lezen" data-testid="read-only-notice">
      <p>
        <strong>U kunt deze tekst lezen, maar niet wijzigen.</strong>{' '}
        {frozen
          ? 'De tekst is vastgesteld. Niemand kan hem nog wijzigen, tenzij de VNG-redactie de status terugzet.'
          : role === 'reviewer'
            ? 'U bent uitgenodigd als lid: u leest mee en kunt reageren. Wilt u meeschrijven? Vraag de VNG-redactie om u toe te voegen aan de werkgroep.'
            : 'U hebt voor dit voorstel geen schrijfrechten.'}
      </p>
    </div>
  )
}
