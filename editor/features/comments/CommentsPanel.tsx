import { CommentsContext } from './CommentsContext.ts'
import { NewThreadForm } from './NewThreadForm.tsx'
import { ThreadCard } from './ThreadCard.tsx'
import { ThreadFilterBar } from './ThreadFilterBar.tsx'
import { FILTER_LABELS, matchesFilter } from './threadFilters.ts'
import type { CommentsController } from './useComments.ts'
import './comments.css'
import './threadParts.css'

function summary(open: number, unread: number): string {
  const openText =
    open === 0 ? 'Geen open reacties' : open === 1 ? '1 open reactie' : `${open} open reacties`
  if (unread === 0) return `${openText}.`
  return `${openText}, ${unread} nieuw voor u.`
}

/**
 * The side panel: a new reaction being written, the filters with counts, and
 * the threads in text order. The open thread stays listed whatever the filter,
 * so nothing disappears while someone works on it.
 */
export function CommentsPanel({ comments }: { comments: CommentsController }) {
  const { context, threads, counts, filter, activeId, draft } = comments
  const personId = context.me.person.id
  const shown = threads.filter(
    (thread) => thread.id === activeId || matchesFilter(thread, filter, personId),
  )
  return (
    <CommentsContext.Provider value={context}>
      <section className="comments" aria-labelledby="reacties-titel" data-testid="comments-panel">
        <h2 id="reacties-titel" className="comments__title">
          Reacties
        </h2>
        <p className="comments__summary" data-testid="comments-summary">
          {summary(counts.open, comments.unread)}
        </p>
        <div role="status" className="visually-hidden" data-testid="comments-announcer">
          {comments.message}
        </div>
        {draft.current && (
          <NewThreadForm
            draft={draft.current}
            onCreated={(thread) => {
              draft.finish()
              comments.open(thread.id, 'keyboard')
            }}
            onCancel={draft.cancel}
          />
        )}
        {comments.error && (
          <div className="alert alert--warning" role="alert">
            <p>{comments.error}</p>
            <button type="button" className="button" onClick={() => void comments.reload()}>
              Opnieuw proberen
            </button>
          </div>
        )}
        {!comments.loaded && !comments.error && <p role="status">Reacties worden geladen…</p>}
        {comments.loaded && (
          <>
            <ThreadFilterBar filter={filter} counts={counts} onChange={comments.setFilter} />
            {shown.length === 0 ? (
              <p className="comments__empty">
                {threads.length === 0
                  ? 'Nog geen reacties. Selecteer tekst en kies Reageer.'
                  : `Geen reacties bij "${FILTER_LABELS[filter]}".`}
              </p>
            ) : (
              <ol className="thread-list" aria-labelledby="reacties-titel">
                {shown.map((thread) => (
                  <ThreadCard
                    key={thread.id}
                    thread={thread}
                    active={thread.id === activeId}
                    onToggle={() =>
                      thread.id === activeId ? comments.close() : comments.open(thread.id, 'panel')
                    }
                    onClose={comments.close}
                  />
                ))}
              </ol>
            )}
          </>
        )}
      </section>
    </CommentsContext.Provider>
  )
}
