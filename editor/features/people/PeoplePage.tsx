import { useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'
import type { Me, PersonRecord, ProposalSummary } from '../../lib/types.ts'
import { useApi } from '../../lib/useApi.ts'
import { InviteForm } from './InviteForm.tsx'
import { PeopleTable } from './PeopleTable.tsx'

/** For editors: invite people, see who has access, revoke access (A5). */
export function PeoplePage({ me }: { me: Me }) {
  const people = useApi<PersonRecord[]>('api/people')
  const proposals = useApi<ProposalSummary[]>('api/proposals')
  const [message, setMessage] = useState('')

  const revoke = async (person: PersonRecord) => {
    try {
      await api(`api/people/${encodeURIComponent(person.id)}`, { method: 'DELETE' })
      setMessage(`De toegang van ${person.name} is ingetrokken. Die persoon is meteen afgemeld.`)
      await people.reload()
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Intrekken is niet gelukt.')
    }
  }

  const proposalList = proposals.state.status === 'ready' ? proposals.state.data : []
  return (
    <div className="stack">
      <PageTitle title="Mensen">Mensen</PageTitle>
      <p className="lead">
        Nodig collega's uit en bepaal wat ze mogen. Wie u uitnodigt, krijgt een persoonlijke link om
        zich aan te melden.
      </p>
      <InviteForm me={me} proposals={proposalList} onInvited={() => void people.reload()} />
      <section className="stack" aria-labelledby="people-list-title">
        <h2 id="people-list-title">Mensen met toegang</h2>
        <p role="status" data-testid="people-message">
          {message}
        </p>
        {people.state.status === 'loading' && <p>Mensen worden geladen…</p>}
        {people.state.status === 'error' && (
          <p className="alert alert--warning">{people.state.error.message}</p>
        )}
        {people.state.status === 'ready' && (
          <PeopleTable
            people={people.state.data}
            proposals={proposalList}
            selfId={me.person.id}
            onRevoke={revoke}
          />
        )}
      </section>
    </div>
  )
}
