import { useRef, useState } from 'react'
import { listUnsent } from './localData.ts'
import { useSession } from './SessionContext.ts'
import { readToken } from './tokenStore.ts'
import { UnsentChoice } from './UnsentChoice.tsx'
import { confirmOpenEdits, useSendFirst } from './useSendFirst.ts'

/**
 * Signs out and clears what the browser kept. When edits have not reached the
 * server yet, it first asks: send them first, sign out and throw them away, or
 * stay signed in.
 */
export function SignOutButton() {
  const { signOut, state } = useSession()
  const dialog = useRef<HTMLDialogElement>(null)
  const [unsent, setUnsent] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const sending = useSendFirst()

  const finish = async () => {
    setBusy(true)
    dialog.current?.close()
    await signOut('signedOut')
  }

  const start = async () => {
    let pending = listUnsent()
    const token = readToken()
    if (pending.length > 0 && state.status === 'signedIn' && token) {
      setBusy(true)
      pending = await confirmOpenEdits(pending, { personId: state.me.person.id, token })
      setBusy(false)
    }
    if (pending.length === 0) {
      await finish()
      return
    }
    setUnsent(pending)
    dialog.current?.showModal()
  }

  const sendFirst = async () => {
    const token = readToken()
    if (state.status !== 'signedIn' || !token) return
    const left = await sending.send(unsent, { personId: state.me.person.id, token })
    if (left.length === 0) await finish()
    else setUnsent(left)
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void start()}
        disabled={busy}
      >
        Afmelden
      </button>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="sign-out-title"
        aria-describedby="unsent-choice-text"
      >
        <h2 id="sign-out-title">Niet verstuurde wijzigingen</h2>
        {unsent.length > 0 && (
          <UnsentChoice
            count={unsent.length}
            sending={sending.state}
            onSendFirst={() => void sendFirst()}
            onDiscard={() => void finish()}
            discardLabel="Toch afmelden en wijzigingen weggooien"
            onCancel={() => dialog.current?.close()}
            cancelLabel="Niet afmelden"
          />
        )}
      </dialog>
    </>
  )
}
