import { type FormEvent, useId, useState } from 'react'
import {
  hasRole,
  PROVINCES,
  type Province,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '../../../shared/roles.ts'
import { ApiError, api } from '../../lib/api.ts'
import type { InviteResult, Me, ProposalSummary } from '../../lib/types.ts'
import { InviteLink } from './InviteLink.tsx'

/** Invites a person (A5, R1) and shows the link to send them. */
export function InviteForm(props: { me: Me; proposals: ProposalSummary[]; onInvited: () => void }) {
  const { me, proposals, onInvited } = props
  const id = useId()
  const roles = ROLES.filter((role) => hasRole(me.role, role))
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('writer')
  const [all, setAll] = useState(false)
  const [chosen, setChosen] = useState<string[]>([])
  const [organisation, setOrganisation] = useState('')
  const [email, setEmail] = useState('')
  const [province, setProvince] = useState<Province | ''>('')
  const [error, setError] = useState('')
  const [result, setResult] = useState<InviteResult | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError('')
    if (name.trim() === '') return setError('Vul de naam in.')
    if (!all && chosen.length === 0) return setError('Kies minstens één voorstel.')
    setBusy(true)
    try {
      const invited = await api<InviteResult>('api/invites', {
        method: 'POST',
        body: {
          name: name.trim(),
          role,
          proposals: all ? '*' : chosen,
          ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
          ...(province ? { province } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
        },
      })
      setResult(invited)
      setName('')
      setOrganisation('')
      setEmail('')
      setProvince('')
      setChosen([])
      setAll(false)
      onInvited()
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Uitnodigen is niet gelukt.')
    } finally {
      setBusy(false)
    }
  }

  const toggle = (proposalId: string, on: boolean) =>
    setChosen((list) => (on ? [...list, proposalId] : list.filter((item) => item !== proposalId)))

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Iemand uitnodigen</h2>
      <form className="form stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Naam</label>
          <input
            id={`${id}-name`}
            autoComplete="off"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Rol</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((option) => (
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
          <label htmlFor={`${id}-email`}>E-mailadres (niet verplicht)</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            aria-describedby={`${id}-email-hint`}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <p id={`${id}-email-hint`} className="muted">
            Met een e-mailadres krijgt de persoon de uitnodiging per e-mail, en later meldingen.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-org`}>Organisatie (niet verplicht)</label>
          <input
            id={`${id}-org`}
            placeholder="Gemeente Zwolle"
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-province`}>Provincie (niet verplicht)</label>
          <select
            id={`${id}-province`}
            value={province}
            onChange={(e) => setProvince(e.target.value as Province | '')}
          >
            <option value="">Geen provincie</option>
            {PROVINCES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          Uitnodiging maken
        </button>
      </form>
      {result && <InviteLink result={result} />}
    </section>
  )
}
