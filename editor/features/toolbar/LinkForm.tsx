import type { Editor } from '@tiptap/core'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'

/** Makes typed addresses usable: "vng.nl" becomes "https://vng.nl". */
export function normaliseHref(value: string): string | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return `mailto:${trimmed}`
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null
  return `https://${trimmed}`
}

/** A small form to add, change or remove the link on the selected text. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const current = (editor.getAttributes('link').href as string | undefined) ?? ''
  const [value, setValue] = useState(current)
  const [error, setError] = useState('')

  useEffect(() => input.current?.focus(), [])

  const close = () => {
    onClose()
    editor.commands.focus()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const href = normaliseHref(value)
    if (!href) {
      setError('Vul een webadres in, zoals https://vng.nl, of een e-mailadres.')
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
    onClose()
  }
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  return (
    <form
      className="link-form"
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && close()}
      aria-label="Link"
    >
      <label htmlFor={`${id}-href`}>Webadres of e-mailadres</label>
      <input
        ref={input}
        id={`${id}-href`}
        type="text"
        inputMode="url"
        value={value}
        aria-invalid={error !== ''}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button">
          Link opslaan
        </button>
        {current && (
          <button type="button" className="button button--secondary" onClick={remove}>
            Link weghalen
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={close}>
          Annuleren
        </button>
      </div>
    </form>
  )
}
