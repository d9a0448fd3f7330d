import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { hasRole, ROLE_LABELS, ROLES, type Role } from '../../../shared/roles.ts'
import { ApiError, api } from '../../lib/api.ts'
import type { Me, ProposalSummary } from '../../lib/types.ts'
import type { PersonRow } from './personRow.ts'

/**
 * Changing a person's role, proposals and e-mail (A5's rules: never above
 * one's own role or set). A modal dialog; Escape or "Annuleren" closes it.
 */
export function EditPersonDialog(props: {
  me: Me
  person: PersonRow | null
  proposals: ProposalSummary[]
  onSaved: (person: PersonRow) => void
  onClose: () => void
}) {
  const { me, person, proposals } = props
  const id = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [role, setRole] = useState<Role>('reviewer')
  const [all, setAll] = useState(false)
  const [chosen, setChosen] = useState<string[]>([])
  const [email, setEmail] = useState('')
  const [error, setError] = useState('')

  useEffect(() => {
    if (!person) {
      dialog.current?.close()
      return
    }
    setRole(person.role ?? 'reviewer')
    setAll(person.proposals === '*')
    setChosen(person.proposals === '*' ? [] : (person.proposals ?? []))
    setEmail(person.email ?? '')
    setError('')
    if (!dialog.current?.open) dialog.current?.showModal()
  }, [person])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!person) return
    if (!all && chosen.length === 0) return setError('Kies minstens één voorstel.')
    try {
      const saved = await api<PersonRow>(`api/people/${encodeURIComponent(person.id)}`, {
        method: 'PATCH',
        body: { role, proposals: all ? '*' : chosen, email: email.trim() || null },
      })
      props.onSaved(saved)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Opslaan is niet gelukt.')
    }
  }

  const toggle = (proposalId: string, on: boolean) =>
    setChosen((list) => (on ? [...list, proposalId] : list.filter((item) => item !== proposalId)))

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onClose={props.onClose}>
      {person && (
        <form className="form stack" onSubmit={(event) => void submit(event)} noValidate>
          <h2 id={`${id}-title`}>{person.name} wijzigen</h2>
          <div className="field">
            <label htmlFor={`${id}-role`}>Rol</label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {ROLES.filter((option) => hasRole(me.role, option)).map((option) => (
                <option key={option} value={option}>
                  {ROLE_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field">
            <legend>Voorstellen</legend>
            {me.proposals === '*' && (
              <label className="check">
                <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
                Alle voorstellen, ook latere
              </label>
            )}
            {proposals.map((proposal) => (
              <label key={proposal.id} className="check">
                <input
                  type="checkbox"
                  disabled={all}
                  checked={all || chosen.includes(proposal.id)}
                  onChange={(e) => toggle(proposal.id, e.target.checked)}
                />
                {proposal.title}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-email`}>E-mailadres</label>
            <input
              id={`${id}-email`}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="button">
              Opslaan
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => dialog.current?.close()}
            >
              Annuleren
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
