import { formatDate } from '../../../shared/dates.ts'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import { AnonymiseButton } from './AnonymiseButton.tsx'
import { hasAccess, type PersonRow } from './personRow.ts'

function accessText(person: PersonRow): string {
  if (person.anonymised) return 'Geanonimiseerd'
  const when = person.revokedAt ? formatDate(person.revokedAt) : ''
  return when ? `Ingetrokken op ${when}` : 'Ingetrokken'
}

/**
 * People who can no longer sign in: their access was revoked, or they were
 * anonymised. A revoked person can still be anonymised here (AVG).
 */
export function FormerPeopleTable(props: {
  people: PersonRow[]
  onAnonymise: (person: PersonRow) => void
}) {
  const former = props.people.filter((person) => !hasAccess(person))
  if (former.length === 0) return null
  return (
    <section className="stack" aria-labelledby="former-people-title">
      <h2 id="former-people-title">Zonder toegang</h2>
      <table className="table table--stack" data-testid="former-people-table">
        <caption className="visually-hidden">Mensen zonder toegang</caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">Organisatie</th>
            <th scope="col">Rol</th>
            <th scope="col">Toegang</th>
            <th scope="col">
              <span className="visually-hidden">Acties</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {former.map((person) => (
            <tr key={person.id} data-anonymised={person.anonymised ? 'true' : 'false'}>
              <th scope="row">{person.name}</th>
              <td data-label="Organisatie">{person.organisation ?? ''}</td>
              <td data-label="Rol">{person.role ? ROLE_LABELS[person.role] : ''}</td>
              <td data-label="Toegang">{accessText(person)}</td>
              <td>
                {!person.anonymised && (
                  <AnonymiseButton person={person} onAnonymise={props.onAnonymise} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
