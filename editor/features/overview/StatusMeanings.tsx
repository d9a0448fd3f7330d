import { STATUS_LABELS, STATUSES } from '../../../shared/roles.ts'
import { STATUS_MEANINGS } from '../../../shared/strategy.ts'

/** What each status of a proposal means (H4). */
export function StatusMeanings() {
  return (
    <section className="stack" aria-labelledby="statuses-title">
      <h2 id="statuses-title">Wat betekent de status?</h2>
      <dl className="status-meanings">
        {STATUSES.map((status) => (
          <div key={status}>
            <dt>
              <span className={`status-badge status-badge--${status}`}>
                {STATUS_LABELS[status]}
              </span>
            </dt>
            <dd>{STATUS_MEANINGS[status]}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
