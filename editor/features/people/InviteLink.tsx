import { useEffect, useId, useRef, useState } from 'react'
import type { InviteResult } from '../../lib/types.ts'

/** The new person's sign-in link, with a copy button; the link is only shown once. */
export function InviteLink({ result }: { result: InviteResult }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState('')

  useEffect(() => {
    setCopied('')
    input.current?.focus()
    input.current?.select()
  }, [])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.url)
      setCopied('De link is gekopieerd. Plak hem in een e-mail aan de uitgenodigde.')
    } catch {
      input.current?.select()
      setCopied('Kopiëren lukte niet vanzelf. De link is geselecteerd: kopieer hem met Ctrl+C.')
    }
  }

  return (
    <div className="alert alert--success stack" data-testid="invite-result">
      <p>
        <strong>{result.person.name}</strong> is uitgenodigd. Stuur deze persoonlijke link naar hem
        of haar. Wie de link heeft, kan zich ermee aanmelden: deel hem met niemand anders.
      </p>
      <label htmlFor={`${id}-link`}>Aanmeldlink</label>
      <div className="copy-field">
        <input ref={input} id={`${id}-link`} readOnly value={result.url} data-testid="invite-url" />
        <button type="button" className="button" onClick={() => void copy()}>
          Link kopiëren
        </button>
      </div>
      <p role="status">{copied}</p>
    </div>
  )
}
