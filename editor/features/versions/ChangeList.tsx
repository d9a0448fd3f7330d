import { sliceWhole } from '../../../shared/codePoints.ts'
import { changeLabel } from './summary.ts'
import type { Change } from './types.ts'

const excerpt = (text: string) => (text.length > 60 ? `${sliceWhole(text, 57)}…` : text)

/** Every change beside the text, in document order; choosing one goes to it in the text. */
export function ChangeList(props: {
  changes: Change[]
  current: number
  onGo: (index: number) => void
}) {
  if (props.changes.length === 0) return <p>Er is niets veranderd aan de tekst.</p>
  return (
    <ol className="change-list" data-testid="change-list">
      {props.changes.map((change, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list of one comparison never changes
        <li key={index} className={`change-list__item change-list__item--${change.type}`}>
          <button
            type="button"
            className="change-list__button"
            aria-current={props.current === index ? 'true' : undefined}
            onClick={() => props.onGo(index)}
          >
            <span className="change-list__who">{changeLabel(change)}</span>
            <span className="change-list__text">
              {change.type === 'insert' ? (
                <ins>{excerpt(change.text)}</ins>
              ) : (
                <del>{excerpt(change.text)}</del>
              )}
            </span>
          </button>
        </li>
      ))}
    </ol>
  )
}
