import { ROLE_LABELS } from '../../../shared/roles.ts'
import type { Me } from '../../lib/types.ts'
import { SignOutButton } from './SignOutButton.tsx'

/** Who is signed in and with which role, always visible in the page header. */
export function SessionBar({ me }: { me: Me }) {
  const { person, role } = me
  return (
    <div className="session-bar" data-testid="session-bar">
      <p className="session-bar__who">
        <span className="visually-hidden">Aangemeld als </span>
        <strong data-testid="session-name">{person.name}</strong>
        {person.organisation && <span>, {person.organisation}</span>}
        <span className="role-badge" data-testid="session-role">
          <span className="visually-hidden">Rol: </span>
          {ROLE_LABELS[role]}
        </span>
      </p>
      <SignOutButton />
    </div>
  )
}
