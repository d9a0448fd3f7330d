import { lazy, Suspense, useRef, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'
import type { Me, ProposalSummary } from '../../lib/types.ts'
import { useApi } from '../../lib/useApi.ts'
import { AnonymiseDialog } from './AnonymiseDialog.tsx'
import { FormerPeopleTable } from './FormerPeopleTable.tsx'
import { InviteForm } from './InviteForm.tsx'
import { PeopleTable } from './PeopleTable.tsx'
import type { PersonRow } from './personRow.ts'

// The activity log comes after the people: loaded once the page is there.
const GeneralActivity = lazy(() => import('../activity/GeneralActivity.tsx'))

/** For editors: invite people, see who has access, revoke access, anonymise (A5, AVG). */
export function PeoplePage({ me }: { me: Me }) {
  const people = useApi<PersonRow[]>('api/people')
  const proposals = useApi<ProposalSummary[]>('api/proposals')
  const [message, setMessage] = useState('')
  const [anonymising, setAnonymising] = useState<PersonRow | null>(null)
  // Each invitation, revocation or anonymisation is a new line in the activity.
  const [changes, setChanges] = useState(0)
  const messageRef = useRef<HTMLParagraphElement>(null)

  const revoke = async (person: PersonRow) => {
    try {
      await api(`api/people/${encodeURIComponent(person.id)}`, { method: 'DELETE' })
      setMessage(`De toegang van ${person.name} is ingetrokken. Die persoon is meteen afgemeld.`)
      setChanges((n) => n + 1)
      await people.reload()
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Intrekken is niet gelukt.')
    }
  }

  /** @throws {ApiError} shown in the dialog, which stays open */
  const anonymise = async (person: PersonRow) => {
    await api(`api/people/${encodeURIComponent(person.id)}/anonymise`, { method: 'POST' })
    setAnonymising(null)
    // The name is what this removes: the message does not repeat it.
    setMessage(
      'De persoon is geanonimiseerd. De naam is nu overal ‘Verwijderde gebruiker’ en de uitnodigingslink werkt niet meer.',
    )
    setChanges((n) => n + 1)
    await people.reload()
    // The row the focus came from has moved: continue at the message.
    messageRef.current?.focus()
  }

  const proposalList = proposals.state.status === 'ready' ? proposals.state.data : []
  return (
    <div className="stack">
      <PageTitle title="Mensen">Mensen</PageTitle>
      <p className="lead">
        Nodig collega's uit en bepaal wat ze mogen. Wie u uitnodigt, krijgt een persoonlijke link om
        zich aan te melden.
      </p>
      <InviteForm
        me={me}
        proposals={proposalList}
        onInvited={() => {
          setChanges((n) => n + 1)
          void people.reload()
        }}
      />
      <section className="stack" aria-labelledby="people-list-title">
        <h2 id="people-list-title">Mensen met toegang</h2>
        <p role="status" data-testid="people-message" ref={messageRef} tabIndex={-1}>
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
            onAnonymise={setAnonymising}
          />
        )}
      </section>
      {people.state.status === 'ready' && (
        <FormerPeopleTable people={people.state.data} onAnonymise={setAnonymising} />
      )}
      <AnonymiseDialog
        person={anonymising}
        onConfirm={anonymise}
        onClose={() => setAnonymising(null)}
      />
      <Suspense fallback={null}>
        <GeneralActivity proposals={proposalList} changes={changes} />
      </Suspense>
    </div>
  )
}
