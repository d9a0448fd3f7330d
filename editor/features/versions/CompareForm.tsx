import { type FormEvent, useId, useState } from 'react'
import { formatDateTime } from '../../../shared/dates.ts'
import { CURRENT, type Version, type VersionTarget } from './types.ts'

const label = (version: Version) => `${version.name} (${formatDateTime(version.createdAt)})`

/** Choose any two versions, or a version and the text as it is now, and compare them. */
export function CompareForm(props: {
  versions: Version[]
  onShow: (target: VersionTarget) => void
}) {
  const { versions } = props
  const id = useId()
  const [from, setFrom] = useState('')
  const [to, setTo] = useState(CURRENT)
  const [error, setError] = useState<string | null>(null)
  const chosenFrom = from || versions[0]?.id || ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (chosenFrom === to) {
      setError('Kies twee verschillende versies.')
      return
    }
    setError(null)
    props.onShow({ kind: 'compare', from: chosenFrom, to })
  }

  if (versions.length === 0) return null
  return (
    <form className="version-compare-form" onSubmit={submit} aria-labelledby={`${id}-titel`}>
      <h3 id={`${id}-titel`} className="versions__subtitle">
        Vergelijken
      </h3>
      <div className="field">
        <label htmlFor={`${id}-van`}>Versie</label>
        <select id={`${id}-van`} value={chosenFrom} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((version) => (
            <option key={version.id} value={version.id}>
              {label(version)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-met`}>Vergelijken met</label>
        <select id={`${id}-met`} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value={CURRENT}>De tekst zoals die nu is</option>
          {versions.map((version) => (
            <option key={version.id} value={version.id}>
              {label(version)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--secondary">
        Vergelijken
      </button>
    </form>
  )
}
