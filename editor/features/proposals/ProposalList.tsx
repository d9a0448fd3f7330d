import { formatDateTime } from '../../../shared/dates.ts'
import { hrefFor } from '../../lib/route.ts'
import type { Me, ProposalSummary } from '../../lib/types.ts'
import { useApi } from '../../lib/useApi.ts'
import { ProposalDescription } from '../overview/ProposalDescription.tsx'
import { OpenRoundFact, useOpenRounds } from '../rounds/OpenRoundFact.tsx'
import { StatusChangeLine } from '../status/StatusChangeLine.tsx'
import { StatusBadge } from './StatusBadge.tsx'

function threadsText(count: number): string {
  if (count === 0) return 'Geen open reacties'
  return count === 1 ? '1 open reactie' : `${count} open reacties`
}

/** "Nieuw voor u": replies and decisions on the person's threads since their last visit. */
function newText(count: number): string {
  return count === 1 ? '1 reactie met nieuws voor u' : `${count} reacties met nieuws voor u`
}

/**
 * Every proposal this person may see (H2), on the overview, each with its
 * short description (editors change it in place).
 */
export function ProposalList({
  me,
  descriptions = {},
  canEdit = false,
  onDescribed = () => {},
}: {
  me: Me
  descriptions?: Record<string, string>
  canEdit?: boolean
  onDescribed?: () => void
}) {
  const { state, reload } = useApi<ProposalSummary[]>('api/proposals')
  const rounds = useOpenRounds()
  return (
    <section className="stack" aria-labelledby="overview-title">
      <h2 id="overview-title">De voorstellen</h2>
      <p className="lead">
        De voorstellen van de Verenigingsstrategie 2030.
        {me.role === 'reviewer'
          ? ' U kunt ze lezen en erop reageren.'
          : ' Kies een voorstel om samen aan de tekst te werken.'}
      </p>
      {state.status === 'loading' && <p role="status">Voorstellen worden geladen…</p>}
      {state.status === 'error' && (
        <div className="alert alert--warning" role="alert">
          <p>De voorstellen konden niet worden geladen. {state.error.message}</p>
          <button type="button" className="button" onClick={() => void reload()}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {state.status === 'ready' && state.data.length === 0 && (
        <p>Er zijn (nog) geen voorstellen voor u. Vraag de VNG-redactie om toegang.</p>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="card-list" data-testid="proposal-list">
          {state.data.map((proposal) => (
            <li key={proposal.id} className="card">
              <h3 className="card__title">
                <a href={hrefFor({ name: 'proposal', id: proposal.id })}>{proposal.title}</a>
              </h3>
              <ProposalDescription
                proposalId={proposal.id}
                title={proposal.title}
                text={descriptions[proposal.id]}
                canEdit={canEdit}
                onSaved={onDescribed}
              />
              <dl className="card__facts">
                <div>
                  <dt>Status</dt>
                  <dd>
                    <StatusBadge status={proposal.status} />{' '}
                    <StatusChangeLine by={proposal.statusChangedBy} at={proposal.statusChangedAt} />
                  </dd>
                </div>
                <div>
                  <dt>Laatst gewijzigd</dt>
                  <dd>{formatDateTime(proposal.updatedAt) || 'Nog niet gewijzigd'}</dd>
                </div>
                <div>
                  <dt>Reacties</dt>
                  <dd>{threadsText(proposal.openThreads)}</dd>
                </div>
                <OpenRoundFact round={rounds.get(proposal.id)} />
                {(proposal.newForYou ?? 0) > 0 && (
                  <div>
                    <dt>Nieuw voor u</dt>
                    <dd>
                      <span className="new-badge" data-testid="new-for-you">
                        {newText(proposal.newForYou ?? 0)}
                      </span>
                    </dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
