import { useState } from 'react'
import { type UnsentPassage, unsentText } from './unsentEdits.ts'
import type { UnsentCause } from './useFreeze.ts'
import './unsent.css'

/** What the notice says, by why the server stopped taking the person's edits. */
const WORDING: Record<UnsentCause, { title: string; what: string; unknown: string }> = {
  frozen: {
    title: 'Deze wijzigingen zijn niet opgeslagen: het voorstel is vastgesteld',
    what: 'U was aan het schrijven toen de VNG-redactie de tekst vaststelde.',
    unknown: 'Het voorstel is vastgesteld terwijl u schreef',
  },
  role: {
    title: 'Deze wijzigingen zijn niet opgeslagen: u mag de tekst niet meer wijzigen',
    what: 'Terwijl u schreef, heeft de VNG-redactie uw rol gewijzigd. U kunt de tekst lezen en erop reageren, maar niet meer zelf wijzigen.',
    unknown: 'Uw rol is gewijzigd terwijl u schreef',
  },
}

/**
 * Says that what the person was writing when the text was frozen (S5), or when
 * their role changed (A3), did not reach the text, and will not later; shows it
 * so it can be copied. Once the freeze is lifted the person may put it back
 * themselves; a member can propose it as a change.
 */
export default function UnsentNotice(props: {
  /** Null when the server could not be asked what it has. */
  passages: UnsentPassage[] | null
  cause?: UnsentCause
  frozen: boolean
  onDismiss: () => void
  onReload: () => void
}) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const cause = props.cause ?? 'frozen'
  const wording = WORDING[cause]
  if (!props.passages) return <UnknownNotice why={wording.unknown} onReload={props.onReload} />
  const text = unsentText(props.passages)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
    } catch {
      setCopied('no')
    }
  }
  return (
    <section className="alert alert--warning unsent" role="alert" data-testid="unsent-notice">
      <h2 className="alert__title">{wording.title}</h2>
      <p>
        {wording.what} Wat hieronder staat, is niet in de tekst gekomen en wordt ook later niet
        toegevoegd. Bewaar het als u het nog nodig hebt.
      </p>
      <ul className="unsent__list" data-testid="unsent-text">
        {props.passages.map((passage) => (
          <li key={`${passage.blockId ?? 'nieuw'}:${passage.removed}:${passage.text}`}>
            {passage.removed ? (
              <>
                <strong>U had deze alinea verwijderd:</strong> <span>{passage.text}</span>
              </>
            ) : (
              <blockquote>{passage.text || '(lege alinea)'}</blockquote>
            )}
          </li>
        ))}
      </ul>
      <p>
        {cause === 'role'
          ? 'Typt u het opnieuw in de tekst, dan wordt het een wijzigingsvoorstel dat de redactie kan overnemen.'
          : props.frozen
            ? 'Zolang het voorstel is vastgesteld, kan niemand de tekst wijzigen.'
            : 'Het voorstel is niet meer vastgesteld. U kunt weer schrijven en uw tekst zelf terugzetten.'}
      </p>
      <div className="button-row">
        {text && (
          <button type="button" className="button" onClick={() => void copy()}>
            Kopieer mijn tekst
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={props.onDismiss}>
          Sluiten
        </button>
      </div>
      <p role="status" className="unsent__copied">
        {copied === 'yes' && 'Uw tekst staat op het klembord.'}
        {copied === 'no' &&
          'Kopiëren lukte niet. Selecteer de tekst hierboven en kopieer hem zelf.'}
      </p>
    </section>
  )
}

/** The server did not answer when asked what it has: say so, and offer a fresh start. */
function UnknownNotice(props: { why: string; onReload: () => void }) {
  return (
    <div className="alert alert--warning" role="alert" data-testid="unsent-unknown">
      <h2 className="alert__title">Misschien is uw laatste wijziging niet opgeslagen</h2>
      <p>
        {props.why}, en de server gaf geen antwoord op de vraag wat er is opgeslagen. Kopieer wat u
        net schreef, en laad dan de tekst opnieuw.
      </p>
      <button type="button" className="button" onClick={props.onReload}>
        Tekst opnieuw laden
      </button>
    </div>
  )
}
