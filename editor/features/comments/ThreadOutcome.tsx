import { formatDateTime } from '../../../shared/dates.ts'
import { useCommentsContext } from './CommentsContext.ts'
import { personLabel } from './threadText.ts'
import { DECISION_LABELS, type Thread } from './types.ts'
import { useAction } from './useAction.ts'

/** What the redactie decided on a resolved thread, and for editors "Heropenen" (C5). */
export function ThreadOutcome({ thread }: { thread: Thread }) {
  const { api, canModerate } = useCommentsContext()
  const action = useAction()
  return (
    <div className="thread-outcome" data-testid="thread-outcome">
      <p>
        <strong>
          {thread.decision ? `Besluit: ${DECISION_LABELS[thread.decision]}` : 'Afgehandeld'}
        </strong>
        {thread.resolvedBy && ` door ${personLabel(thread.resolvedBy)}`}
        {thread.resolvedAt && ` op ${formatDateTime(thread.resolvedAt)}`}.
      </p>
      {thread.applied && <p>De voorgestelde tekst is in het voorstel overgenomen.</p>}
      {thread.note && <p className="thread-outcome__note">{thread.note}</p>}
      {canModerate && (
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() => void action.run(() => api.reopen(thread.id), 'De reactie is heropend.')}
        >
          Heropenen
        </button>
      )}
      {action.error && (
        <p className="field-error" role="alert">
          {action.error}
        </p>
      )}
    </div>
  )
}
