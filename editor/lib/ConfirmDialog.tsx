import { type ReactNode, useEffect, useId, useRef } from 'react'

/**
 * A modal question before something that is hard to undo ("Ronde nu sluiten?",
 * "Vervangen?"): it says what will happen and acts only on the confirming
 * button. The focus starts on "Annuleren", Escape cancels, and the focus goes
 * back where it was when the dialog closes (the browser's own `<dialog>`).
 */
export function ConfirmDialog(props: {
  open: boolean
  title: string
  children?: ReactNode
  confirmLabel: string
  /** A destructive action shows its button in the danger style. */
  danger?: boolean
  busy?: boolean
  error?: string | null
  onConfirm: () => void
  onCancel: () => void
  testId?: string
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const id = useId()

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (props.open && !element.open) {
      element.showModal()
      cancel.current?.focus()
    }
    if (!props.open && element.open) element.close()
  }, [props.open])

  return (
    <dialog
      ref={dialog}
      className="dialog stack"
      aria-labelledby={`${id}-titel`}
      aria-describedby={props.children ? `${id}-uitleg` : undefined}
      data-testid={props.testId}
      onCancel={(event) => {
        // Escape: the page's state closes it, so the next question opens it again.
        event.preventDefault()
        props.onCancel()
      }}
    >
      <h2 id={`${id}-titel`}>{props.title}</h2>
      {props.children && (
        <div id={`${id}-uitleg`} className="stack">
          {props.children}
        </div>
      )}
      {props.error && (
        <p role="alert" className="field-error">
          {props.error}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className={props.danger ? 'button button--danger' : 'button'}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button
          ref={cancel}
          type="button"
          className="button button--secondary"
          disabled={props.busy}
          onClick={props.onCancel}
        >
          Annuleren
        </button>
      </div>
    </dialog>
  )
}
