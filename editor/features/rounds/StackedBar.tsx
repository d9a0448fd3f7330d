import { POSITIONS, type PositionCounts } from '../../../shared/rounds.ts'
import { POSITION_CLASS, totalOf } from './positionLabels.ts'

/**
 * The four positions on a passage as one small stacked bar. A picture only:
 * whoever shows it also gives the counts as text (for screen readers and for
 * those who cannot tell the colours apart), so the SVG is hidden from them.
 * Without any position the bar is an empty outline.
 */
export function StackedBar(props: { counts: PositionCounts; width?: number; height?: number }) {
  const { counts, width = 44, height = 10 } = props
  const total = totalOf(counts)
  let x = 0
  return (
    <svg
      className="stacked-bar"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      <rect className="stacked-bar__frame" x={0.5} y={0.5} width={width - 1} height={height - 1} />
      {total > 0 &&
        POSITIONS.map((position) => {
          const w = (counts[position] / total) * width
          const part = (
            <rect
              key={position}
              className={POSITION_CLASS[position]}
              data-position={position}
              x={x}
              y={0}
              width={w}
              height={height}
            />
          )
          x += w
          return part
        })}
    </svg>
  )
}
