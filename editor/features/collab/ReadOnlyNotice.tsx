import type { Role } from '../../../shared/roles.ts'

/**
 * Why this person cannot change the text itself (A2, H4), and, for a member
 * while suggesting, that what they type becomes a suggestion.
 */
export function ReadOnlyNotice({
  role,
  frozen,
  suggesting = false,
}: {
  role: Role
  frozen: boolean
  suggesting?: boolean
}) {
  if (suggesting && !frozen)
    return (
      <div className="alert alert--info" id="alleen-lezen" data-testid="read-only-notice">
        <p>
          <strong>U stelt wijzigingen voor.</strong> U kunt de tekst zelf niet wijzigen: wat u typt
          of schrapt, wordt een voorstel aan de VNG-redactie, zichtbaar voor iedereen. De tekst
          verandert pas als de redactie uw voorstel overneemt.
        </p>
      </div>
    )
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
