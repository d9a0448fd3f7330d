import { useEffect, useRef } from 'react'
import type { SendState } from './useSendFirst.ts'

/** What the person can do with edits that have not reached the server. */
export interface UnsentChoiceProps {
  /** How many proposals hold such edits. */
  count: number
  sending: SendState
  /** Sends them first, then goes on. */
  onSendFirst(): void
  /** Goes on without them; they are thrown away. */
  onDiscard(): void
  discardLabel: string
  onCancel(): void
  cancelLabel: string
}

/**
 * The question asked before anything would throw away edits that only this
 * browser holds: send them first, go on without them, or stop. Focus starts on
 * sending, the choice that loses nothing; while it runs the buttons stay
 * focusable (aria-disabled), so the keyboard is not thrown out of the dialog.
 */
export function UnsentChoice(props: UnsentChoiceProps) {
  const sendButton = useRef<HTMLButtonElement>(null)
  useEffect(() => sendButton.current?.focus(), [])
  const busy = props.sending === 'sending'
  return (
    <>
      <p id="unsent-choice-text">
        {props.count === 1 ? 'In één voorstel staan' : `In ${props.count} voorstellen staan`}{' '}
        wijzigingen die nog niet bij de server zijn aangekomen. Ze staan alleen in deze browser.
        Verstuur ze eerst, anders gaan ze verloren.
      </p>
      {busy && (
        <p role="status" data-testid="unsent-sending">
          Bezig met versturen…
        </p>
      )}
      {props.sending === 'failed' && (
        <p className="alert alert--warning" role="alert" data-testid="unsent-failed">
          Versturen lukt nu niet: er is geen verbinding met de server. Uw wijzigingen blijven in
          deze browser bewaard. Probeer het opnieuw zodra er weer verbinding is.
        </p>
      )}
      <div className="button-row">
        <button
          ref={sendButton}
          type="button"
          className="button"
          onClick={() => busy || props.onSendFirst()}
          aria-disabled={busy}
        >
          Eerst versturen
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => busy || props.onDiscard()}
          aria-disabled={busy}
        >
          {props.discardLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
      </div>
    </>
  )
}
