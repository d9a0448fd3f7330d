import { POSITION_LABELS, POSITIONS } from '../../../shared/rounds.ts'
import { POSITION_CLASS } from './positionLabels.ts'

/** What the colours of the bars mean, in the order the bars stack them. */
export function PositionLegend() {
  return (
    <ul className="position-legend" aria-label="Betekenis van de kleuren">
      {POSITIONS.map((position) => (
        <li key={position}>
          <svg width={12} height={12} aria-hidden="true" focusable="false">
            <rect className={POSITION_CLASS[position]} width={12} height={12} />
          </svg>{' '}
          {POSITION_LABELS[position]}
        </li>
      ))}
    </ul>
  )
}
