import { formatDate, formatDateTime } from '../../../shared/dates.ts'
import { hrefFor } from '../../lib/route.ts'
import { useApi } from '../../lib/useApi.ts'
import type { ForYouAnswer } from './overviewApi.ts'

/** "Voor u": open rounds awaiting your organisation's positions, and threads awaiting your reply. */
export function ForYou() {
  const { state } = useApi<ForYouAnswer>('api/for-you')
  if (state.status !== 'ready') return null
  const { rounds, threads } = state.data
  return (
    <section className="panel stack for-you" aria-labelledby="for-you-title" data-testid="for-you">
      <h2 id="for-you-title">Voor u</h2>
      {rounds.length === 0 && threads.length === 0 && (
        <p>Er wacht nu niets op u. U kunt alle voorstellen lezen en erop reageren.</p>
      )}
      {rounds.length > 0 && (
        <>
          <h3>Consultatierondes die op uw organisatie wachten</h3>
          <ul className="for-you__list">
            {rounds.map((round) => (
              <li key={round.roundId}>
                <a href={hrefFor({ name: 'proposal', id: round.proposalId })}>
                  {round.proposalTitle}: {round.title}
                </a>{' '}
                — open tot {formatDate(round.closesAt)}. Uw organisatie gaf een standpunt bij{' '}
                {round.answered} van de {round.total} passages.
              </li>
            ))}
          </ul>
        </>
      )}
      {threads.length > 0 && (
        <>
          <h3>Discussies die op uw antwoord wachten</h3>
          <ul className="for-you__list">
            {threads.map((thread) => (
              <li key={thread.threadId}>
                <a href={hrefFor({ name: 'proposal', id: thread.proposalId })}>
                  ‘{thread.quote.length > 60 ? `${thread.quote.slice(0, 59)}…` : thread.quote}’ in{' '}
                  {thread.proposalTitle}
                </a>{' '}
                — {thread.lastBy?.name ?? 'Iemand'} reageerde op {formatDateTime(thread.lastAt)}.
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
