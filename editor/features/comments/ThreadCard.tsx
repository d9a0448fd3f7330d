import { formatDateTime } from '../../../shared/dates.ts'
import { showsOutdated } from '../rounds/OutdatedNotice.tsx'
import { ThreadDetail } from './ThreadDetail.tsx'
import { threadToggleId } from './threadDom.ts'
import { excerpt, kindLabel, personLabel, repliesText, statusLabel } from './threadText.ts'
import type { Thread } from './types.ts'

/**
 * One thread in the panel: a heading with a button that opens and closes it
 * (disclosure pattern), showing kind, status, "Nieuw", the quote, who and when.
 */
export function ThreadCard(props: {
  thread: Thread
  active: boolean
  onToggle: () => void
  onClose: () => void
}) {
  const { thread, active, onToggle, onClose } = props
  const detailId = `${threadToggleId(thread.id)}-inhoud`
  const classes = ['thread', `thread--${thread.status}`]
  if (active) classes.push('thread--active')
  return (
    <li className={classes.join(' ')} data-testid="thread" data-thread-id={thread.id}>
      <h3 className="thread__heading">
        <button
          id={threadToggleId(thread.id)}
          type="button"
          className="thread__toggle"
          aria-expanded={active}
          aria-controls={active ? detailId : undefined}
          onClick={onToggle}
        >
          <span className="thread__tags">
            <span className="thread__kind">{kindLabel(thread)}</span>
            <span className={`thread__status thread__status--${thread.status}`}>
              {statusLabel(thread)}
            </span>
            {thread.unread && <span className="thread__new">Nieuw voor u</span>}
            {showsOutdated(thread) && <span className="thread__status">Verouderd</span>}
          </span>
          {thread.anchored ? (
            <span className="thread__quote">“{excerpt(thread.quote)}”</span>
          ) : (
            <span className="thread__quote thread__quote--gone">
              <span className="thread__gone">Tekst verwijderd:</span> “{excerpt(thread.quote)}”
            </span>
          )}
          <span className="thread__meta">
            {personLabel(thread.createdBy)} · {formatDateTime(thread.createdAt)} ·{' '}
            {repliesText(thread)}
          </span>
        </button>
      </h3>
      {active && <ThreadDetail id={detailId} thread={thread} onClose={onClose} />}
    </li>
  )
}
