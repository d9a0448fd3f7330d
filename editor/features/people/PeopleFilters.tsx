import { useId } from 'react'
import { PROVINCES, ROLE_LABELS, ROLES } from '../../../shared/roles.ts'
import type { PeopleFilter } from './filterPeople.ts'

/** Search and filters above the people list; the count of matches is announced. */
export function PeopleFilters(props: {
  filter: PeopleFilter
  organisations: string[]
  shown: number
  total: number
  onChange: (filter: PeopleFilter) => void
}) {
  const id = useId()
  const { filter, onChange } = props
  const set = (part: Partial<PeopleFilter>) => onChange({ ...filter, ...part })
  return (
    <search className="people-filters" aria-label="Mensen zoeken en filteren">
      <div className="field">
        <label htmlFor={`${id}-search`}>Zoeken op naam, e-mail of organisatie</label>
        <input
          id={`${id}-search`}
          type="search"
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Met de rol</label>
        <select
          id={`${id}-role`}
          value={filter.role}
          onChange={(e) => set({ role: e.target.value })}
        >
          <option value="">Alle rollen</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-province`}>In de provincie</label>
        <select
          id={`${id}-province`}
          value={filter.province}
          onChange={(e) => set({ province: e.target.value })}
        >
          <option value="">Alle provincies</option>
          {PROVINCES.map((province) => (
            <option key={province} value={province}>
              {province}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-organisation`}>Van de organisatie</label>
        <select
          id={`${id}-organisation`}
          value={filter.organisation}
          onChange={(e) => set({ organisation: e.target.value })}
        >
          <option value="">Alle organisaties</option>
          {props.organisations.map((organisation) => (
            <option key={organisation} value={organisation}>
              {organisation}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-response`}>Open consultatieronde</label>
        <select
          id={`${id}-response`}
          value={filter.response}
          onChange={(e) => set({ response: e.target.value as PeopleFilter['response'] })}
        >
          <option value="">Iedereen</option>
          <option value="responded">Organisatie heeft gereageerd</option>
          <option value="waiting">Organisatie heeft nog niet gereageerd</option>
        </select>
      </div>
      <p role="status" className="people-filters__count" data-testid="people-count">
        {props.shown === props.total
          ? `${props.total} mensen`
          : `${props.shown} van de ${props.total} mensen`}
      </p>
    </search>
  )
}
