import type { MemberOrganisation } from './types.ts'

function List(props: { members: MemberOrganisation[]; testId: string }) {
  if (props.members.length === 0) return <p className="muted">Geen.</p>
  return (
    <ul className="overview__member-list" data-testid={props.testId}>
      {props.members.map((m) => (
        <li key={m.organisation}>
          {m.organisation}
          {m.province && <span className="muted"> — {m.province}</span>}
        </li>
      ))}
    </ul>
  )
}

/**
 * The member organisations of the round (R5) that did and did not respond,
 * each with its province; only those of one province when the overview is
 * filtered on it. The VNG is no member organisation and is not listed.
 */
export function MemberLists(props: { members: MemberOrganisation[]; province: string }) {
  const shown = props.province
    ? props.members.filter((m) => (m.province ?? 'Onbekend') === props.province)
    : props.members
  const responded = shown.filter((m) => m.responded)
  const silent = shown.filter((m) => !m.responded)
  return (
    <section className="overview__members" aria-labelledby="leden-titel">
      <h3 id="leden-titel">Lidorganisaties{props.province ? ` in ${props.province}` : ''}</h3>
      <div className="overview__member-columns">
        <div>
          <h4>Gereageerd ({responded.length})</h4>
          <List members={responded} testId="members-responded" />
        </div>
        <div>
          <h4>Nog niet gereageerd ({silent.length})</h4>
          <List members={silent} testId="members-silent" />
        </div>
      </div>
    </section>
  )
}
