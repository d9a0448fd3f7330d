import type { Present } from './usePresence.ts'

/** "Wie is hier": names with a coloured marker; the names carry the meaning. */
export function PresenceList({ present }: { present: Present[] }) {
  const others = present.filter((person) => !person.isSelf).length
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence__title">
        Wie is hier
      </h2>
      <p className="presence__summary">
        {others === 0
          ? 'Alleen u werkt nu in dit voorstel.'
          : others === 1
            ? 'U en nog één persoon werken nu in dit voorstel.'
            : `U en nog ${others} personen werken nu in dit voorstel.`}
      </p>
      <ul className="presence__list" data-testid="presence-list">
        {present.map((person) => (
          <li key={person.key} className="presence__person">
            <span
              className="presence__marker"
              style={{ backgroundColor: person.color }}
              aria-hidden="true"
            />
            <span>
              {person.isSelf ? `${person.name} (u)` : person.name}
              {person.organisation && (
                <span className="presence__organisation">{person.organisation}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
