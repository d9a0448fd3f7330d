import { type FormEvent, useId, useState } from 'react'
import { formatDate } from '../../../shared/dates.ts'
import { ApiError, api } from '../../lib/api.ts'
import type { TimelineStep } from './overviewApi.ts'

/** Where a step stands today: done, the next one, or later. */
function stageOf(steps: TimelineStep[], index: number, today: string) {
  const step = steps[index]!
  if (step.date < today) return 'done'
  const next = steps.findIndex((s) => s.date >= today)
  return next === index ? 'current' : 'later'
}

const STAGE_WORDS = { done: 'Geweest', current: 'Eerstvolgende stap', later: 'Gepland' } as const

/** An editor moves a step to a later date. */
function MoveStep({ step, onMoved }: { step: TimelineStep; onMoved: () => void }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [date, setDate] = useState(step.date)
  const [error, setError] = useState('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      await api(`api/overview/timeline/${step.id}`, { method: 'PUT', body: { date } })
      setOpen(false)
      setError('')
      onMoved()
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Opslaan is niet gelukt.')
    }
  }
  if (!open)
    return (
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setOpen(true)}
      >
        Datum wijzigen<span className="visually-hidden"> van deze stap</span>
      </button>
    )
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-date`}>
        Nieuwe datum (niet eerder dan {formatDate(step.planned)})
      </label>
      <input
        id={`${id}-date`}
        type="date"
        min={step.planned}
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button button--small">
          Opslaan
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(false)}
        >
          Annuleren
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** The process steps as a timeline, with their dates (from the VNG's page; later if moved). */
export function Timeline(props: {
  steps: TimelineStep[]
  canEdit: boolean
  onChanged: () => void
}) {
  const today = new Date().toISOString().slice(0, 10)
  return (
    <section className="stack" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Tijdlijn</h2>
      <ol className="timeline" data-testid="timeline">
        {props.steps.map((step, index) => {
          const stage = stageOf(props.steps, index, today)
          return (
            <li key={step.id} className={`timeline__step timeline__step--${stage}`}>
              <p className="timeline__date">
                <time dateTime={step.date}>{formatDate(step.date)}</time>
                <span className="timeline__stage"> · {STAGE_WORDS[stage]}</span>
              </p>
              <p className="timeline__title">{step.title}</p>
              {step.date !== step.planned && (
                <p className="muted">Eerder gepland op {formatDate(step.planned)}.</p>
              )}
              {props.canEdit && <MoveStep step={step} onMoved={props.onChanged} />}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
