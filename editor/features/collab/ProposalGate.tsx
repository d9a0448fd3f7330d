import { PageTitle } from '../../lib/PageTitle.tsx'
import { hrefFor } from '../../lib/route.ts'
import type { Me } from '../../lib/types.ts'
import { useApi } from '../../lib/useApi.ts'
import { ProposalPage } from './ProposalPage.tsx'

/** A page in place of a proposal that cannot be opened, with the way back. */
function CannotOpen(props: { title: string; children: string }) {
  return (
    <div className="stack" data-testid="proposal-missing">
      <PageTitle title={props.title}>{props.title}</PageTitle>
      <p className="lead">{props.children}</p>
      <p>
        <a href={hrefFor({ name: 'overview' })}>Naar het overzicht van de voorstellen</a>
      </p>
    </div>
  )
}

/**
 * Asks the server for the proposal before the editor opens: an unknown id (404,
 * or a malformed one, 400) gets "Voorstel niet gevonden" and a proposal outside
 * the person's set (403) "Geen toegang", instead of an editor frame full of
 * errors; so does a proposal taken off the person's list while it is open. When the server cannot be reached the editor opens all the same,
 * from the copy the browser kept.
 */
export function ProposalGate({ proposalId, me }: { proposalId: string; me: Me }) {
  const { state } = useApi<unknown>(`api/proposals/${encodeURIComponent(proposalId)}`)
  if (state.status === 'loading') return <p role="status">Het voorstel wordt geopend…</p>
  const status = state.status === 'error' ? state.error.status : 200
  if (status === 404 || status === 400) {
    return (
      <CannotOpen title="Voorstel niet gevonden">
        {`Er is geen voorstel met het adres “${proposalId}”. Misschien is de link niet helemaal overgenomen, of is het voorstel verwijderd.`}
      </CannotOpen>
    )
  }
  // The server's answer came before an editor took the proposal off the person's list.
  const onList = me.proposals === '*' || me.proposals.includes(proposalId)
  if (status === 403 || !onList) {
    return (
      <CannotOpen title="Geen toegang tot dit voorstel">
        U hebt geen toegang tot dit voorstel, of het bestaat niet. Vraag de VNG-redactie om toegang
        als u denkt dat dit niet klopt.
      </CannotOpen>
    )
  }
  return <ProposalPage proposalId={proposalId} me={me} />
}
