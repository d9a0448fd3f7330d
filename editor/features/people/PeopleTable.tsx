import { useEffect, useRef, useState } from 'react'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import type { PersonRecord, ProposalSummary } from '../../lib/types.ts'
import { AnonymiseButton } from './AnonymiseButton.tsx'
import { groupByProvince } from './groupByProvince.ts'
import { hasAccess, type PersonRow } from './personRow.ts'

function proposalsText(value: PersonRecord['proposals'], proposals: ProposalSummary[]): string {
  if (value === undefined) return ''
  if (value === '*') return 'Alle voorstellen'
  return value.map((id) => proposals.find((p) => p.id === id)?.title ?? id).join(', ')
}

function ConfirmRevoke(props: { name: string; onYes: () => void; onNo: () => void }) {
  const yes = useRef<HTMLButtonElement>(null)
  useEffect(() => yes.current?.focus(), [])
  return (
    <fieldset className="inline-fieldset button-row">
      <legend className="visually-hidden">Toegang van {props.name} intrekken?</legend>
      <button ref={yes} type="button" className="button button--danger" onClick={props.onYes}>
        Ja, intrekken
      </button>
      <button type="button" className="button button--secondary" onClick={props.onNo}>
        Annuleren
      </button>
    </fieldset>
  )
}

/**
 * Everyone with access, grouped by province (R1), with a two-step "revoke" per
 * person (A5) and "Anonimiseren", whose second step is a dialog (AVG).
 */
export function PeopleTable(props: {
  people: PersonRow[]
  proposals: ProposalSummary[]
  selfId: string
  onRevoke: (person: PersonRow) => Promise<void>
  onAnonymise: (person: PersonRow) => void
  /** Change role, proposals or e-mail. */
  onEdit?: (person: PersonRow) => void
  /** Send a new sign-in link by mail (only for people with an address). */
  onResend?: (person: PersonRow) => void
}) {
  const { people, proposals, selfId, onRevoke, onAnonymise, onEdit, onResend } = props
  const [confirming, setConfirming] = useState<string | null>(null)
  const active = people.filter(hasAccess)
  if (active.length === 0) return <p>Er zijn nog geen mensen uitgenodigd.</p>
  return (
    <table className="table table--stack" data-testid="people-table">
      <caption className="visually-hidden">Mensen met toegang, per provincie</caption>
      <thead>
        <tr>
          <th scope="col">Naam</th>
          <th scope="col">Organisatie</th>
          <th scope="col">Provincie</th>
          <th scope="col">Rol</th>
          <th scope="col">Voorstellen</th>
          <th scope="col">
            <span className="visually-hidden">Acties</span>
          </th>
        </tr>
      </thead>
      {groupByProvince(active).map((group) => (
        <tbody key={group.label}>
          <tr className="table__group">
            <th scope="rowgroup" colSpan={6}>
              {group.label} ({group.people.length})
            </th>
          </tr>
          {group.people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                {person.name}
                {person.email && <span className="person-email">{person.email}</span>}
              </th>
              <td data-label="Organisatie">{person.organisation ?? ''}</td>
              <td data-label="Provincie">{person.province ?? ''}</td>
              <td data-label="Rol">{person.role ? ROLE_LABELS[person.role] : ''}</td>
              <td data-label="Voorstellen">{proposalsText(person.proposals, proposals)}</td>
              <td>
                {person.id === selfId ? (
                  <span className="muted">Dat bent u</span>
                ) : confirming === person.id ? (
                  <ConfirmRevoke
                    name={person.name}
                    onYes={() => void onRevoke(person).finally(() => setConfirming(null))}
                    onNo={() => setConfirming(null)}
                  />
                ) : (
                  <div className="button-row">
                    {onEdit && (
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => onEdit(person)}
                      >
                        Wijzigen<span className="visually-hidden"> van {person.name}</span>
                      </button>
                    )}
                    {onResend && person.email && (
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => onResend(person)}
                      >
                        Link opnieuw sturen
                        <span className="visually-hidden"> aan {person.name}</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => setConfirming(person.id)}
                    >
                      Toegang intrekken
                      <span className="visually-hidden"> van {person.name}</span>
                    </button>
                    <AnonymiseButton person={person} onAnonymise={onAnonymise} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  )
}
