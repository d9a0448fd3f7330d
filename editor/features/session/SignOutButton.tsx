import { useRef, useState } from 'react'
import { listUnsent } from './localData.ts'
import { useSession } from './SessionContext.ts'

/**
 * Signs out and clears what the browser kept. When edits may not have reached
 * the server yet, it first asks, because signing out throws them away.
 */
export function SignOutButton() {
  const { signOut } = useSession()
  const dialog = useRef<HTMLDialogElement>(null)
  const [unsent, setUnsent] = useState(0)
  const [busy, setBusy] = useState(false)

  const finish = async () => {
    setBusy(true)
    dialog.current?.close()
    await signOut('signedOut')
  }

  const start = () => {
    const pending = listUnsent()
    if (pending.length === 0) {
      void finish()
      return
    }
    setUnsent(pending.length)
    dialog.current?.showModal()
  }

  return (
    <>
      <button type="button" className="button button--secondary" onClick={start} disabled={busy}>
        Afmelden
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Niet verstuurde wijzigingen</h2>
        <p>
          {unsent === 1 ? 'In één voorstel staan' : `In ${unsent} voorstellen staan`} wijzigingen
          die nog niet bij de server zijn aangekomen. Als u zich nu afmeldt, gaan die verloren.
        </p>
        <p>Wacht liever tot er weer verbinding is en de wijzigingen zijn verstuurd.</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Niet afmelden
          </button>
          <button type="button" className="button button--danger" onClick={() => void finish()}>
            Toch afmelden en wissen
          </button>
        </div>
      </dialog>
    </>
  )
}
