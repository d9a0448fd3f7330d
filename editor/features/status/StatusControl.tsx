import { type FormEvent, useEffect, useId, useState } from 'react'
import { isFrozen, STATUS_LABELS, STATUSES, type Status } from '../../../shared/roles.ts'
import { ApiError, api } from '../../lib/api.ts'
import { ConfirmDialog } from '../../lib/ConfirmDialog.tsx'
import type { ProposalSummary } from '../../lib/types.ts'

/** What each status means for the people working on the text. */
const MEANING: Record<Status, string> = {
  concept: 'De werkgroep schrijft aan de tekst.',
  consultatie: 'Leden lezen mee en reageren; de werkgroep kan de tekst nog wijzigen.',
  definitief: 'De tekst is klaar voor besluitvorming; wijzigen kan nog.',
  vastgesteld:
    'Niemand kan de tekst nog wijzigen, ook u niet, tot u een andere status kiest. Wie op dat moment aan het typen is, ziet wat niet is opgeslagen.',
}

/**
 * The status of a proposal for editors (H4): choose one and confirm with a
 * button, so a choice in the list never changes anything by itself. Making it
 * `vastgesteld` asks once more, in a dialog that says what that means: nobody
 * can change the text, and an open consultation round closes (R8).
 */
export default function StatusControl(props: {
  proposalId: string
  status: Status
  onChanged: (proposal: ProposalSummary) => void
}) {
  const [choice, setChoice] = useState<Status>(props.status)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null)
  const [asking, setAsking] = useState(false)
  const id = useId()

  // Someone else may change it meanwhile: follow the page.
  useEffect(() => setChoice(props.status), [props.status])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (choice === props.status) return
    if (isFrozen(choice)) return setAsking(true)
    void change()
  }

  const change = async () => {
    setAsking(false)
    setBusy(true)
    setMessage(null)
    try {
      const proposal = await api<ProposalSummary>(
        `api/proposals/${encodeURIComponent(props.proposalId)}`,
        { method: 'PATCH', body: { status: choice } },
      )
      props.onChanged(proposal)
      setMessage({ kind: 'done', text: `De status is nu ${STATUS_LABELS[proposal.status]}.` })
    } catch (failure) {
      const text = failure instanceof ApiError ? failure.message : 'De status is niet gewijzigd.'
      setMessage({ kind: 'error', text })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="status-control" onSubmit={submit} data-testid="status-control">
      <div className="field">
        <label htmlFor={`${id}-status`}>Status van het voorstel</label>
        <select
          id={`${id}-status`}
          value={choice}
          aria-describedby={`${id}-uitleg`}
          onChange={(event) => setChoice(event.target.value as Status)}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <span
          id={`${id}-uitleg`}
          className={isFrozen(choice) ? 'field-hint field-hint--warning' : 'field-hint'}
        >
          {MEANING[choice]}
        </span>
      </div>
      <button type="submit" className="button" disabled={busy || choice === props.status}>
        {busy ? 'Bezig…' : 'Status wijzigen'}
      </button>
      <p role="status">{message?.kind === 'done' && message.text}</p>
      {message?.kind === 'error' && (
        <p role="alert" className="field-error">
          {message.text}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title="Voorstel vaststellen?"
        confirmLabel="Ja, vaststellen"
        testId="confirm-vastgesteld"
        onConfirm={() => void change()}
        onCancel={() => setAsking(false)}
      >
        <ul>
          <li>Niemand kan de tekst nog wijzigen, ook u niet, tot u een andere status kiest.</li>
          <li>Wie nu aan het typen is, ziet wat niet is opgeslagen en kan het kopiëren.</li>
          <li>Loopt er een consultatieronde, dan wordt die nu gesloten.</li>
        </ul>
      </ConfirmDialog>
    </form>
  )
}
