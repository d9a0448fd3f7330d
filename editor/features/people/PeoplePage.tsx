import { lazy, Suspense, useRef, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'
import type { Me, ProposalSummary } from '../../lib/types.ts'
import { useApi } from '../../lib/useApi.ts'
import { AnonymiseDialog } from './AnonymiseDialog.tsx'
import { BulkUpload } from './bulk/BulkUpload.tsx'
import { EditPersonDialog } from './EditPersonDialog.tsx'
import { FormerPeopleTable } from './FormerPeopleTable.tsx'
import { filterPeople, NO_FILTER, organisationsOf, type Response } from './filterPeople.ts'
import { InviteForm } from './InviteForm.tsx'
import { MailNote } from './MailNote.tsx'
import { PeopleFilters } from './PeopleFilters.tsx'
import './people.css'
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
  const responses = useApi<Record<string, Response>>('api/people/responses')
  const [filter, setFilter] = useState(NO_FILTER)
  const [editing, setEditing] = useState<PersonRow | null>(null)

  const resend = async (person: PersonRow) => {
    try {
      await api(`api/people/${encodeURIComponent(person.id)}/sign-in-link`, { method: 'POST' })
      setMessage(`Er gaat een nieuwe link naar ${person.email}. De oude links blijven werken.`)
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Versturen is niet gelukt.')
    }
  }

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
      <MailNote />
      <InviteForm
        me={me}
        proposals={proposalList}
        onInvited={() => {
          setChanges((n) => n + 1)
          void people.reload()
        }}
      />
      <BulkUpload
        onApplied={() => {
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
          <PeopleFilters
            filter={filter}
            organisations={organisationsOf(people.state.data)}
            shown={
              filterPeople(
                people.state.data,
                filter,
                responses.state.status === 'ready' ? responses.state.data : {},
              ).length
            }
            total={people.state.data.length}
            onChange={setFilter}
          />
        )}
        {people.state.status === 'ready' && (
          <PeopleTable
            onEdit={setEditing}
            onResend={(person) => void resend(person)}
            people={filterPeople(
              people.state.data,
              filter,
              responses.state.status === 'ready' ? responses.state.data : {},
            )}
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
      <EditPersonDialog
        me={me}
        person={editing}
        proposals={proposalList}
        onSaved={(person) => {
          setEditing(null)
          setMessage(`De gegevens van ${person.name} zijn opgeslagen.`)
          setChanges((n) => n + 1)
          void people.reload()
        }}
        onClose={() => setEditing(null)}
      />
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
