import { hrefFor } from '../../lib/route.ts'

/** The foot of every page: where the accessibility statement is, as Dutch public bodies must show. */
export function PageFooter() {
  return (
    <footer className="page-footer">
      <div className="page-footer__inner">
        <p className="page-footer__name">Meeschrijven — VNG, Verenigingsstrategie 2030</p>
        <a href={hrefFor({ name: 'accessibility' })}>Toegankelijkheid</a>
      </div>
    </footer>
  )
}
