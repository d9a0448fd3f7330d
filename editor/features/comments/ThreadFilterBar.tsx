import { useId } from 'react'
import { FILTER_LABELS, FILTERS, type ThreadFilter } from './threadFilters.ts'

/** The panel's filters as radio buttons with counts: native keyboard use, one Tab stop. */
export function ThreadFilterBar(props: {
  filter: ThreadFilter
  counts: Record<ThreadFilter, number>
  onChange: (filter: ThreadFilter) => void
}) {
  const { filter, counts, onChange } = props
  const name = useId()
  return (
    <fieldset className="thread-filters">
      <legend className="visually-hidden">Toon reacties</legend>
      {FILTERS.map((value) => (
        <label key={value} className="thread-filters__option">
          <input
            type="radio"
            name={name}
            value={value}
            checked={filter === value}
            onChange={() => onChange(value)}
          />
          <span>
            {FILTER_LABELS[value]} <span className="thread-filters__count">({counts[value]})</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
