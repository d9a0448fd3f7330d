import { useEffect, useRef, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { POSITION_LABELS, POSITIONS } from '../../../shared/rounds.ts'
import { MemberLists } from './MemberLists.tsx'
import { chartRows, type OverviewFilter, provincesOf, provinceTotals } from './overviewData.ts'
import { PositionLegend } from './PositionLegend.tsx'
import { countsText, responseText, totalOf } from './positionLabels.ts'
import { ResponseEditor } from './ResponseEditor.tsx'
import { StackedBar } from './StackedBar.tsx'
import type { Summary } from './types.ts'
import './rounds.css'

/** How many of the invited organisations responded, as a bar and in words. */
function Response({ summary }: { summary: Summary }) {
  const share = summary.invited > 0 ? summary.responded / summary.invited : 0
  return (
    <p className="overview__response" data-testid="overview-response">
      <svg width={200} height={14} aria-hidden="true" focusable="false" className="meter">
        <rect className="meter__track" x={0.5} y={0.5} width={199} height={13} />
        <rect
          className="meter__fill"
          x={0}
          y={0}
          width={Math.round(200 * Math.min(1, share))}
          height={14}
        />
      </svg>{' '}
      Gereageerd: {responseText(summary.responded, summary.invited)}
    </p>
  )
}

/**
 * The round at a glance (R5): the response, which member organisations did
 * and did not respond, a passage-by-passage chart sorted by resistance (each
 * bar as long as the number of organisations that took a position, with the
 * counts beside it in words) where editors write the VNG's response to each
 * passage, and a table of positions per province; all follow the filters by
 * province and position.
 */
export default function RoundOverview(props: {
  proposalId: string
  summary: Summary
  isEditor: boolean
  onClose: () => void
  onSelect: (blockId: string) => void
}) {
  const { summary } = props
  const [filter, setFilter] = useState<OverviewFilter>({ province: '', position: '' })
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const provinces = provincesOf(summary.blocks)
  const rows = chartRows(summary.blocks, filter)
  const widest = Math.max(1, ...rows.map((row) => totalOf(row.counts)))
  const totals = provinceTotals(summary.blocks, provinces).filter(
    (row) => !filter.province || row.province === filter.province,
  )
  const columns = filter.position ? [filter.position] : POSITIONS

  return (
    <section className="overview" aria-labelledby="overzicht-titel" data-testid="round-overview">
      <h2 id="overzicht-titel" ref={heading} tabIndex={-1}>
        Overzicht: {summary.round.title}
      </h2>
      <p>
        Versie “{summary.round.versionName}”, {summary.round.open ? 'open tot' : 'gesloten op'}{' '}
        {formatDateTime(summary.round.closesAt)}.
      </p>
      <Response summary={summary} />
      <MemberLists members={summary.organisations} province={filter.province} />
      <fieldset className="overview__filters">
        <legend>Filters</legend>
        <label>
          Provincie{' '}
          <select
            value={filter.province}
            onChange={(e) => setFilter({ ...filter, province: e.target.value })}
          >
            <option value="">Alle provincies</option>
            {provinces.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          Standpunt{' '}
          <select
            value={filter.position}
            onChange={(e) =>
              setFilter({ ...filter, position: e.target.value as OverviewFilter['position'] })
            }
          >
            <option value="">Alle standpunten (op weerstand)</option>
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {POSITION_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <h3>
        Passages,{' '}
        {filter.position
          ? `meeste “${POSITION_LABELS[filter.position]}” eerst`
          : 'meeste weerstand eerst'}
      </h3>
      <PositionLegend />
      <ol className="overview__chart" data-testid="overview-chart">
        {rows.map(({ block, counts }) => (
          <li key={block.blockId}>
            <button
              type="button"
              className="link-button"
              onClick={() => props.onSelect(block.blockId)}
            >
              Passage {block.number}
            </button>{' '}
            <span className="overview__excerpt">{block.excerpt}</span>
            <span className="overview__bar">
              <StackedBar
                counts={counts}
                width={Math.max(8, Math.round((240 * totalOf(counts)) / widest))}
                height={12}
              />{' '}
              <span className="overview__counts">{countsText(counts)}</span>
            </span>
            <div className="overview__vng-response">
              {props.isEditor ? (
                <ResponseEditor
                  proposalId={props.proposalId}
                  roundId={summary.round.id}
                  block={block}
                />
              ) : (
                block.response && (
                  <p>
                    <strong>Reactie VNG:</strong> {block.response.text}
                  </p>
                )
              )}
            </div>
          </li>
        ))}
      </ol>
      <table className="table table--stack" data-testid="province-table">
        <caption>Standpunten per provincie, over alle passages samen</caption>
        <thead>
          <tr>
            <th scope="col">Provincie</th>
            {columns.map((p) => (
              <th key={p} scope="col">
                {POSITION_LABELS[p]}
              </th>
            ))}
            <th scope="col">Weerstand</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((row) => (
            <tr key={row.province}>
              <th scope="row">{row.province}</th>
              {columns.map((p) => (
                <td key={p} data-label={POSITION_LABELS[p]}>
                  {row.counts[p]}
                </td>
              ))}
              <td data-label="Weerstand">{Math.round(row.resistance * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      {totals.length === 0 && <p>Nog geen standpunten.</p>}
      <button type="button" className="button button--secondary" onClick={props.onClose}>
        Terug naar de tekst
      </button>
    </section>
  )
}
