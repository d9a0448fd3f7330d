import { useEffect, useRef, useState } from 'react'
import { formatDate } from '../../../shared/dates.ts'
import { POSITION_LABELS } from '../../../shared/rounds.ts'
import type { Me } from '../../lib/types.ts'
import { PositionForm } from './PositionForm.tsx'
import { countsText } from './positionLabels.ts'
import { roundsApi } from './roundsApi.ts'
import { StackedBar } from './StackedBar.tsx'
import type { BlockPositions, Round, SummaryBlock } from './types.ts'

/**
 * One passage of the round: its number and first words, the bar and counts,
 * the reasons by organisation, the history, and the form for the person's own
 * organisation while the round is open. Read again whenever a position on this
 * passage arrives (`changes`).
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
  const [reload, setReload] = useState(0)
  const heading = useRef<HTMLHeadingElement>(null)
  const organisation = me.person.organisation

  const blockId = block.blockId
  useEffect(() => {
    // Each passage chosen brings the focus here, where its positions are.
    void blockId
    heading.current?.focus()
  }, [blockId])

  useEffect(() => {
    void props.changes
    void reload
    let current = true
    roundsApi(proposalId)
      .positions(round.id, block.blockId)
      .then((answer) => current && setPositions(answer))
      .catch(() => current && setPositions(null))
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
        <details className="position-history">
          <summary>
            Eerdere standpunten ({positions.history.length - positions.current.length})
          </summary>
          <ol>
            {positions.history.map((p) => (
              <li key={`${p.createdAt}-${p.person.id}-${p.organisation}`}>
                {formatDate(p.createdAt)}: {p.organisation}, {POSITION_LABELS[p.position]}
                {p.reason ? ` — ${p.reason}` : ''} ({p.person.name})
              </li>
            ))}
          </ol>
        </details>
      )}
      {round.open && organisation && positions && (
        <PositionForm
          key={block.blockId}
          proposalId={proposalId}
          roundId={round.id}
          blockId={block.blockId}
          organisation={organisation}
          current={own}
          onSaved={() => setReload((n) => n + 1)}
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
