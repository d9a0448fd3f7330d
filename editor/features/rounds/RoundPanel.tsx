import { useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { hasRole } from '../../../shared/roles.ts'
import { ApiError } from '../../lib/api.ts'
import { ConfirmDialog } from '../../lib/ConfirmDialog.tsx'
import type { Me } from '../../lib/types.ts'
import { MemorandumLinks } from './MemorandumLinks.tsx'
import { OpenRoundForm } from './OpenRoundForm.tsx'
import { PassageDetail } from './PassageDetail.tsx'
import { PositionLegend } from './PositionLegend.tsx'
import { responseText } from './positionLabels.ts'
import { roundsApi } from './roundsApi.ts'
import type { RoundsState } from './useRounds.ts'

/**
 * The side panel of consultation: the round shown (another can be chosen), its
 * closing date and response, the overview and the memorandum; for editors
 * opening and closing rounds; and the passage whose bar was chosen.
 */
export function RoundPanel(props: {
  proposalId: string
  me: Me
  state: RoundsState
  selected: string | null
  onSelect: (blockId: string | null) => void
  onOverview: () => void
}) {
  const { proposalId, me, state, selected } = props
  const { shown, summary } = state
  const isEditor = hasRole(me.role, 'editor')
  const [message, setMessage] = useState('')
  const [closing, setClosing] = useState<'ask' | 'busy' | null>(null)
  const [closeError, setCloseError] = useState<string | null>(null)
  const block = summary?.blocks.find((b) => b.blockId === selected) ?? null
  const anyOpen = state.rounds.some((round) => round.open)

  const close = async () => {
    if (!shown) return
    setClosing('busy')
    setCloseError(null)
    try {
      state.add(await roundsApi(proposalId).close(shown.id))
      setClosing(null)
      setMessage('De ronde is gesloten. Standpunten kunnen niet meer worden gegeven.')
    } catch (failure) {
      setClosing('ask')
      setCloseError(failure instanceof ApiError ? failure.message : 'Sluiten is niet gelukt.')
    }
  }

  return (
    <section className="rounds" aria-labelledby="ronde-titel" data-testid="rounds-panel">
      <h2 id="ronde-titel" className="rounds__title">
        Consultatie
      </h2>
      {state.error && <p className="alert alert--warning">{state.error}</p>}
      {state.loaded && state.rounds.length === 0 && <p>Er is nog geen consultatieronde.</p>}
      {state.rounds.length > 1 && (
        <div className="field">
          <label htmlFor="ronde-keuze">Ronde</label>
          <select
            id="ronde-keuze"
            value={shown?.id ?? ''}
            onChange={(e) => state.show(e.target.value)}
          >
            {state.rounds.map((round) => (
              <option key={round.id} value={round.id}>
                {round.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {shown && (
        <div className="rounds__facts">
          <p className="rounds__name">{shown.title}</p>
          <p>
            Op de versie “{shown.versionName}”.{' '}
            {shown.open
              ? `Open tot ${formatDateTime(shown.closesAt)}.`
              : `Gesloten op ${formatDateTime(shown.closesAt)}.`}
          </p>
          {summary && (
            <p data-testid="round-response">
              Gereageerd: {responseText(summary.responded, summary.invited)}
            </p>
          )}
          <PositionLegend />
          {shown.open && me.person.organisation && (
            <p className="muted">
              Kies het balkje naast een passage om het standpunt van {me.person.organisation} te
              geven.
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={props.onOverview}>
              Overzicht bekijken
            </button>
            {isEditor && shown.open && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setCloseError(null)
                  setClosing('ask')
                }}
              >
                Ronde nu sluiten
              </button>
            )}
          </div>
          <p role="status">{message}</p>
          <ConfirmDialog
            open={closing !== null}
            title={`“${shown.title}” nu sluiten?`}
            confirmLabel={closing === 'busy' ? 'Bezig met sluiten…' : 'Ja, ronde sluiten'}
            danger
            busy={closing === 'busy'}
            error={closeError}
            testId="close-round"
            onConfirm={() => void close()}
            onCancel={() => setClosing(null)}
          >
            <p>
              De ronde zou open blijven tot {formatDateTime(shown.closesAt)}. Na het sluiten kan
              niemand nog een standpunt geven of wijzigen. Een gesloten ronde gaat niet meer open.
            </p>
            {summary && (
              <p>Tot nu toe gereageerd: {responseText(summary.responded, summary.invited)}.</p>
            )}
          </ConfirmDialog>
        </div>
      )}
      {shown && block && (
        <PassageDetail
          key={`${shown.id}/${block.blockId}`}
          proposalId={proposalId}
          round={shown}
          block={block}
          me={me}
          changes={state.changes.get(block.blockId) ?? 0}
          onClose={() => props.onSelect(null)}
        />
      )}
      {shown && <MemorandumLinks proposalId={proposalId} roundId={shown.id} />}
      {isEditor && state.loaded && !anyOpen && (
        <details className="rounds__open">
          <summary>Nieuwe consultatieronde</summary>
          <OpenRoundForm proposalId={proposalId} onOpened={state.add} />
        </details>
      )}
    </section>
  )
}
