import { OutdatedNotice } from '../rounds/OutdatedNotice.tsx'
import { AmendmentCompare } from './AmendmentCompare.tsx'
import { CommentItem } from './CommentItem.tsx'
import { useCommentsContext } from './CommentsContext.ts'
import { DecisionForm } from './DecisionForm.tsx'
import { ReplyForm } from './ReplyForm.tsx'
import { ThreadOutcome } from './ThreadOutcome.tsx'
import { excerpt } from './threadText.ts'
import type { Thread } from './types.ts'

/**
 * An open thread: its passage (an amendment as old and new text), every
 * comment in order, the outcome, a reply form, and for VNG editors the
 * decision. Escape closes it and puts the focus back on its heading.
 */
export function ThreadDetail({
  id,
  thread,
  onClose,
}: {
  id: string
  thread: Thread
  onClose: () => void
}) {
  const { canModerate, showVersion } = useCommentsContext()
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from anywhere inside closes the thread
    <div
      id={id}
      className="thread__detail"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault()
          onClose()
        }
      }}
    >
      {thread.kind === 'amendment' ? (
        <AmendmentCompare quote={thread.quote} replacement={thread.replacement ?? ''} />
      ) : (
        // The heading shows the quote; a long one is shown in full here.
        excerpt(thread.quote) !== thread.quote && (
          <blockquote className="thread-quote">{thread.quote}</blockquote>
        )
      )}
      {!thread.anchored && (
        <p className="thread__notice">
          Deze tekst staat niet meer in het voorstel. De reactie blijft bewaard met de tekst zoals
          die was.
        </p>
      )}
      <OutdatedNotice thread={thread} onShowVersion={showVersion} />
      <ol className="comment-list" aria-label="Reacties in dit gesprek">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} thread={thread} comment={comment} />
        ))}
      </ol>
      {thread.status === 'resolved' && <ThreadOutcome thread={thread} />}
      <ReplyForm thread={thread} />
      {canModerate && thread.status === 'open' && <DecisionForm thread={thread} />}
      <button type="button" className="button button--secondary thread__close" onClick={onClose}>
        Sluiten
      </button>
    </div>
  )
}
