import { useEffect, useRef, useState } from 'react'
import { formatDate } from '../../../shared/dates.ts'
import { POSITION_LABELS } from '../../../shared/rounds.ts'
import type { Me } from '../../lib/types.ts'
import { PositionForm } from './PositionForm.tsx'
import { countsText } from './positionLabels.ts'
import { roundsApi } from './roundsApi.ts'
import { StackedBar } from './StackedBar.tsx'
import type { BlockPositions, PositionView, Round, SummaryBlock } from './types.ts'

/** The latest position per organisation, with `saved` in its organisation's place. */
function withSaved(positions: BlockPositions, saved: PositionView): BlockPositions {
  const current = positions.current.filter((p) => p.organisation !== saved.organisation)
  return {
    current: [...current, saved].sort((a, b) =>
      a.organisation.localeCompare(b.organisation, 'nl', { numeric: true }),
    ),
    history: [...positions.history, saved],
  }
}

/**
 * One passage of the round: its number and first words, the bar and counts,
 * the VNG's response, the reasons by organisation, the history, and the form
 * for the person's own organisation while the round is open. Read again
 * whenever a position on this passage arrives (`changes`).
 *
 * Mount one per passage (`key`): the positions shown and the form always
 * belong to the passage in the heading, never to the one chosen before.
 */
export function PassageDetail(props: {
  proposalId: string
  round: Round
  block: SummaryBlock
  me: Me
  changes: number
  onClose: () => void
}) {
  const { proposalId, round, block, me } = props
  const [positions, setPositions] = useState<BlockPositions | null>(null)
  const [failed, setFailed] = useState(false)
  const [reload, setReload] = useState(0)
  const heading = useRef<HTMLHeadingElement>(null)
  const organisation = me.person.organisation

  useEffect(() => {
    // The passage chosen brings the focus here, where its positions are.
    heading.current?.focus()
  }, [])

  useEffect(() => {
    void props.changes
    void reload
    let current = true
    roundsApi(proposalId)
      .positions(round.id, block.blockId)
      .then((answer) => {
        if (!current) return
        setPositions(answer)
        setFailed(false)
      })
      .catch(() => current && setFailed(true))
    return () => {
      current = false
    }
  }, [proposalId, round.id, block.blockId, props.changes, reload])

  const own = positions?.current.find((p) => p.organisation === organisation) ?? null
  return (
    <section
      className="passage-detail"
      aria-labelledby="passage-detail-titel"
      data-testid="passage-detail"
    >
      <h3 id="passage-detail-titel" ref={heading} tabIndex={-1}>
        Passage {block.number}
      </h3>
      <p className="passage-detail__excerpt">{block.excerpt}</p>
      <p className="passage-detail__counts">
        <StackedBar counts={block.counts} width={120} height={14} />{' '}
        <span data-testid="passage-counts">{countsText(block.counts)}</span>
      </p>
      {block.response && (
        <div className="passage-detail__response" data-testid="passage-response">
          <h4 className="rounds__subtitle">Reactie VNG</h4>
          <p className="passage-detail__response-text">{block.response.text}</p>
          <p className="muted">
            {block.response.by.name}, {formatDate(block.response.at)}
          </p>
        </div>
      )}
      {!positions && !failed && <p role="status">De standpunten worden geladen…</p>}
      {failed && (
        <p className="alert alert--warning">
          De standpunten zijn niet geladen. Probeer het zo weer.
        </p>
      )}
      {positions && positions.current.length === 0 && <p>Nog geen standpunten.</p>}
      {positions && positions.current.length > 0 && (
        <ul className="position-list" data-testid="position-list">
          {positions.current.map((p) => (
            <li key={p.organisation}>
              <strong>{p.organisation}</strong>
              {p.province ? ` (${p.province})` : ''}: {POSITION_LABELS[p.position]}
              {p.reason && <span className="position-list__reason"> — {p.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      {positions && positions.history.length > positions.current.length && (
        <details className="position-history" data-testid="position-history">
          <summary>
            Eerdere standpunten ({positions.history.length - positions.current.length})
          </summary>
          <ol>
            {positions.history.map((p) => (
              <li key={p.id}>
                {formatDate(p.createdAt)}: {p.organisation}, {POSITION_LABELS[p.position]}
                {p.reason ? ` — ${p.reason}` : ''} ({p.person.name})
              </li>
            ))}
          </ol>
        </details>
      )}
      {round.open && organisation && positions && (
        <PositionForm
          proposalId={proposalId}
          roundId={round.id}
          blockId={block.blockId}
          organisation={organisation}
          me={me.person}
          own={own}
          onSaved={(saved) => {
            setPositions((shown) => (shown ? withSaved(shown, saved) : shown))
            setReload((n) => n + 1)
          }}
          onStale={() => setReload((n) => n + 1)}
        />
      )}
      {round.open && !organisation && (
        <p className="muted">Alleen wie namens een organisatie meedoet, kan een standpunt geven.</p>
      )}
      <button type="button" className="button button--secondary" onClick={props.onClose}>
        Sluiten
      </button>
    </section>
  )
}
