import { PageTitle } from '../../lib/PageTitle.tsx'
import { KNOWN_PROBLEMS, STATEMENT } from './statement.ts'

/**
 * The accessibility statement in the form of the model statement of the Dutch
 * government (digitoegankelijk.nl): status, what was tested and how and when,
 * what does not work yet and what will be done, and whom to contact. Public:
 * it is shown signed in or not.
 */
export default function AccessibilityStatement() {
  return (
    <article className="stack statement" aria-labelledby="verklaring-titel">
      <PageTitle title="Toegankelijkheidsverklaring">
        {/* The soft hyphen lets the long word break on a narrow screen. */}
        <span id="verklaring-titel">Toegankelijkheids&shy;verklaring</span>
      </PageTitle>
      <p className="lead">
        De {STATEMENT.organisation} wil dat iedereen Meeschrijven kan gebruiken, ook mensen met een
        beperking. Meeschrijven moet daarom voldoen aan de toegankelijkheidseisen voor de overheid:
        de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals de Europese norm EN
        301 549 die vraagt.
      </p>

      <section className="stack" aria-labelledby="verklaring-status">
        <h2 id="verklaring-status">Status</h2>
        <p>
          <strong>Meeschrijven voldoet gedeeltelijk aan de eisen.</strong> Wat nog niet voldoet of
          nog niet is onderzocht, staat hieronder, met wat we eraan doen.
        </p>
        <p>Deze verklaring is opgesteld op {STATEMENT.date}.</p>
      </section>

      <section className="stack" aria-labelledby="verklaring-onderzoek">
        <h2 id="verklaring-onderzoek">Wat is onderzocht, hoe en wanneer</h2>
        <p>
          De makers van Meeschrijven hebben op {STATEMENT.date} deze pagina’s onderzocht, in de
          browser Chromium:
        </p>
        <ul>
          <li>het overzicht van de voorstellen;</li>
          <li>
            de pagina van een voorstel, als schrijver en als lid: de tekst, reageren, versies
            vergelijken en een standpunt geven in een consultatieronde;
          </li>
          <li>het overzicht van een consultatieronde;</li>
          <li>de pagina Mensen (uitnodigen en toegang intrekken);</li>
          <li>deze verklaring.</li>
        </ul>
        <p>Zo is onderzocht:</p>
        <ul>
          <li>
            automatisch, met axe-core, op alle regels van WCAG 2.1 niveau A en AA die een programma
            kan controleren: op een breed scherm en op een scherm van 320 pixels breed;
          </li>
          <li>
            op 320 pixels breed (een telefoon, of 400% inzoomen op een laptop): alles past zonder
            heen en weer te schuiven;
          </li>
          <li>
            met alleen het toetsenbord: een tekst schrijven, woorden in de tekst selecteren en erop
            reageren, en een standpunt geven, zonder muis.
          </li>
        </ul>
        <p>
          Deze controles draaien als automatische tests bij elke wijziging van Meeschrijven. Een
          onafhankelijk onderzoek volgens de methode WCAG-EM is nog niet gedaan.
        </p>
      </section>

      <section className="stack" aria-labelledby="verklaring-problemen">
        <h2 id="verklaring-problemen">Wat nog niet goed werkt, en wat we eraan doen</h2>
        <ul className="statement__problems">
          {KNOWN_PROBLEMS.map((problem) => (
            <li key={problem.what}>
              <p>{problem.what}</p>
              <p>
                <strong>Wat we doen:</strong> {problem.measure}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="verklaring-contact">
        <h2 id="verklaring-contact">Contact</h2>
        <p>
          Kunt u iets in Meeschrijven niet gebruiken, of ziet u een probleem dat hier niet staat?
          Laat het ons weten: mail naar <a href={`mailto:${STATEMENT.email}`}>{STATEMENT.email}</a>{' '}
          en noem de pagina en wat u probeerde te doen. U mag het ook vragen aan de persoon die u
          heeft uitgenodigd.
        </p>
        <p>
          U krijgt binnen {STATEMENT.acknowledgeWithin} een bevestiging en binnen{' '}
          {STATEMENT.answerWithin} een antwoord. Hebt u de informatie intussen nodig? Dan sturen we
          u de tekst of de reacties op een andere manier, bijvoorbeeld als Word-bestand.
        </p>
        <p>
          Bent u niet tevreden over hoe wij uw melding behandelen? Dan kunt u een klacht indienen
          bij de {STATEMENT.organisation}, via hetzelfde adres.
        </p>
      </section>
    </article>
  )
}
