import { type FormEvent, useEffect, useId, useState } from 'react'
import { isDateOnly, netherlandsDate } from '../../../shared/dates.ts'
import { ApiError, api } from '../../lib/api.ts'
import { roundsApi } from './roundsApi.ts'
import type { Round } from './types.ts'

interface NamedVersion {
  id: string
  name: string
  auto: boolean
}

/** A date four weeks from today in the Netherlands, as `<input type="date">` writes it. */
function inFourWeeks(): string {
  return netherlandsDate(new Date(Date.now() + 28 * 86_400_000))
}

/**
 * For VNG editors: open a consultation round (R2) on a saved version with a
 * name, closing at the end of the chosen day in the Netherlands (R8). The date
 * itself is sent, never a time on this browser's clock: an editor abroad or
 * with a computer set to UTC closes the round at the same moment.
 */
export function OpenRoundForm(props: { proposalId: string; onOpened: (round: Round) => void }) {
  const id = useId()
  const [versions, setVersions] = useState<NamedVersion[] | null>(null)
  const [versionId, setVersionId] = useState('')
  const [date, setDate] = useState(inFourWeeks)
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api<NamedVersion[]>(`api/proposals/${encodeURIComponent(props.proposalId)}/versions`)
      .then((list) => {
        const named = list.filter((v) => !v.auto)
        setVersions(named)
        setVersionId((current) => current || (named[0]?.id ?? ''))
      })
      .catch(() => setVersions([]))
  }, [props.proposalId])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!versionId) return setError('Kies een opgeslagen versie.')
    if (!isDateOnly(date)) return setError('Kies een sluitingsdatum.')
    setBusy(true)
    try {
      const round = await roundsApi(props.proposalId).open({
        versionId,
        // The server makes it the end of that day in the Netherlands.
        closesAt: date,
        ...(title.trim() ? { title: title.trim() } : {}),
      })
      setError(null)
      props.onOpened(round)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'De ronde is niet geopend.')
    } finally {
      setBusy(false)
    }
  }

  if (versions === null) return <p role="status">Versies worden geladen…</p>
  if (versions.length === 0) {
    return <p>Sla eerst een versie op met een naam; op die versie opent u de consultatieronde.</p>
  }
  return (
    <form className="open-round" onSubmit={submit} noValidate data-testid="open-round-form">
      <div className="field">
        <label htmlFor={`${id}-versie`}>Versie voor de consultatie</label>
        <select
          id={`${id}-versie`}
          value={versionId}
          onChange={(e) => setVersionId(e.target.value)}
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-datum`}>Sluit aan het eind van</label>
        <input
          id={`${id}-datum`}
          type="date"
          value={date}
          aria-describedby={`${id}-datum-uitleg`}
          onChange={(e) => setDate(e.target.value)}
        />
        <span id={`${id}-datum-uitleg`} className="field-hint">
          Om 23:59 Nederlandse tijd.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-titel`}>Titel (niet verplicht)</label>
        <input id={`${id}-titel`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Bezig…' : 'Consultatieronde openen'}
      </button>
    </form>
  )
}
