import { type FormEvent, useEffect, useId, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import { roundsApi } from './roundsApi.ts'
import type { Round } from './types.ts'

interface NamedVersion {
  id: string
  name: string
  auto: boolean
}

/** A date four weeks from today, as `<input type="date">` writes it. */
function inFourWeeks(): string {
  const date = new Date(Date.now() + 28 * 86_400_000)
  return date.toISOString().slice(0, 10)
}

/**
 * For VNG editors: open a consultation round (R2) on a saved version with a
 * name, closing at the end of the chosen day.
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
    // The end of the chosen day on the person's own clock.
    const closesAt = new Date(`${date}T23:59:00`)
    if (!versionId) return setError('Kies een opgeslagen versie.')
    if (Number.isNaN(closesAt.getTime())) return setError('Kies een sluitingsdatum.')
    setBusy(true)
    try {
      const round = await roundsApi(props.proposalId).open({
        versionId,
        closesAt: closesAt.toISOString(),
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
          onChange={(e) => setDate(e.target.value)}
        />
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
