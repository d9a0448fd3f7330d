import { lazy, Suspense } from 'react'
import { hasRole } from '../shared/roles.ts'
import { PageFooter } from './features/accessibility/PageFooter.tsx'
import { NotificationsLink } from './features/notifications/NotificationsLink.tsx'
import { UnsubscribePage } from './features/notifications/UnsubscribePage.tsx'
import { OverviewPage } from './features/overview/OverviewPage.tsx'
import { SessionBar } from './features/session/SessionBar.tsx'
import { useSession } from './features/session/SessionContext.ts'
import { SessionProvider } from './features/session/SessionProvider.tsx'
import { SignInPage } from './features/session/SignInPage.tsx'
import { SwitchPersonPage } from './features/session/SwitchPersonPage.tsx'
import { PageTitle } from './lib/PageTitle.tsx'
import type { Route } from './lib/route.ts'
import { SkipLink } from './lib/SkipLink.tsx'
import type { Me } from './lib/types.ts'
import { useRoute } from './lib/useRoute.ts'

// The editor and the people page are loaded only when opened: the first screen stays small.
const ProposalGate = lazy(() =>
  import('./features/collab/ProposalGate.tsx').then((m) => ({ default: m.ProposalGate })),
)
const NotificationsPage = lazy(() =>
  import('./features/notifications/NotificationsPage.tsx').then((m) => ({
    default: m.NotificationsPage,
  })),
)
const PeoplePage = lazy(() =>
  import('./features/people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
)
const AccessibilityStatement = lazy(
  () => import('./features/accessibility/AccessibilityStatement.tsx'),
)

function Page({ route, me }: { route: Route; me: Me }) {
  switch (route.name) {
    case 'overview':
    case 'welcome':
      return <OverviewPage me={me} />
    case 'notifications':
      return <NotificationsPage />
    case 'unsubscribe':
      return <UnsubscribePage token={route.token} />
    case 'proposal':
      return <ProposalGate key={route.id} proposalId={route.id} me={me} />
    case 'people':
      return hasRole(me.role, 'editor') ? <PeoplePage me={me} /> : <NoAccess />
    case 'accessibility':
      return null // the shell shows it, signed in or not
    case 'notFound':
      return <NotFound />
  }
}

function NoAccess() {
  return (
    <>
      <PageTitle title="Geen toegang">Geen toegang</PageTitle>
      <p>Deze pagina is alleen voor de VNG-redactie.</p>
      <a href="#/">Naar het overzicht van de voorstellen</a>
    </>
  )
}

function NotFound() {
  return (
    <>
      <PageTitle title="Pagina niet gevonden">Pagina niet gevonden</PageTitle>
      <a href="#/">Naar het overzicht van de voorstellen</a>
    </>
  )
}

function Shell() {
  const { state, retry } = useSession()
  const route = useRoute()
  const me = state.status === 'signedIn' ? state.me : null
  // The accessibility statement is for everyone, signed in or not.
  const isPublic = route.name === 'accessibility'
  return (
    <>
      <SkipLink target="inhoud">Naar de inhoud</SkipLink>
      <header className="page-header">
        <div className="page-header__inner">
          <a className="brand" href="#/">
            Meeschrijven <span className="brand__sub">Verenigingsstrategie 2030</span>
          </a>
          {me && (
            <nav aria-label="Hoofdmenu" className="main-nav">
              <a href="#/" aria-current={route.name === 'overview' ? 'page' : undefined}>
                Voorstellen
              </a>
              <NotificationsLink current={route.name === 'notifications'} />
              {hasRole(me.role, 'editor') && (
                <a href="#/mensen" aria-current={route.name === 'people' ? 'page' : undefined}>
                  Mensen
                </a>
              )}
            </nav>
          )}
          {me && <SessionBar me={me} />}
        </div>
      </header>
      <main id="inhoud" className="page-main" tabIndex={-1}>
        {isPublic && (
          <Suspense fallback={<p role="status">Pagina wordt geladen…</p>}>
            <AccessibilityStatement />
          </Suspense>
        )}
        {!isPublic && route.name === 'unsubscribe' && !me ? (
          // Unsubscribing needs no sign-in (M4).
          <UnsubscribePage token={route.token} />
        ) : (
          <>
            {!isPublic && state.status === 'loading' && (
              <p role="status">Even geduld, u wordt aangemeld…</p>
            )}
            {!isPublic && state.status === 'signedOut' && <SignInPage reason={state.reason} />}
          </>
        )}
        {state.status === 'switching' && (
          <SwitchPersonPage current={state.current} next={state.next} />
        )}
        {state.status === 'signedIn' && state.notice && (
          <p className="alert alert--warning" role="status" data-testid="session-notice">
            {state.notice}
          </p>
        )}
        {!isPublic && state.status === 'unreachable' && (
          <div className="stack">
            <PageTitle title="Geen verbinding">Geen verbinding met de server</PageTitle>
            <p className="alert alert--warning">{state.message}</p>
            <button type="button" className="button" onClick={retry}>
              Opnieuw proberen
            </button>
          </div>
        )}
        {!isPublic && me && (
          <Suspense fallback={<p role="status">Pagina wordt geladen…</p>}>
            <Page route={route} me={me} />
          </Suspense>
        )}
      </main>
      <PageFooter />
    </>
  )
}

/** The whole editor: session, header with who you are, and the page for the route. */
export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  )
}
