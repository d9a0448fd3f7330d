import { useState } from 'react'
import { PageTitle } from '../../lib/PageTitle.tsx'
import type { Me } from '../../lib/types.ts'
import { listUnsent } from './localData.ts'
import { useSession } from './SessionContext.ts'
import { readToken } from './tokenStore.ts'
import { UnsentChoice } from './UnsentChoice.tsx'
import { useSendFirst } from './useSendFirst.ts'

const who = (me: Me) =>
  me.person.organisation ? `${me.person.name} (${me.person.organisation})` : me.person.name

/**
 * Shown when a sign-in link of another person is opened in a browser where
 * someone is signed in (a shared computer). Switching clears what the browser
 * kept for the first person, so it asks first, and offers to send that
 * person's unsent edits before they would be thrown away.
 */
export function SwitchPersonPage({ current, next }: { current: Me; next: Me }) {
  const { switchPerson, staySignedIn } = useSession()
  const [unsent, setUnsent] = useState(listUnsent)
  const sending = useSendFirst()

  const sendFirst = async () => {
    const token = readToken()
    if (!token) return
    const left = await sending.send(unsent, { personId: current.person.id, token })
    setUnsent(left)
    if (left.length === 0) await switchPerson()
  }

  return (
    <section className="stack" aria-labelledby="switch-title" data-testid="switch-person">
      <PageTitle title="Wisselen van persoon">
        <span id="switch-title">Aanmelden als iemand anders?</span>
      </PageTitle>
      <p>
        In deze browser bent u aangemeld als <strong>{who(current)}</strong>. De link die u opende
        is voor <strong>{who(next)}</strong>. Als u wisselt, wordt wat deze browser voor{' '}
        {current.person.name} bewaarde gewist.
      </p>
      {unsent.length > 0 ? (
        <UnsentChoice
          count={unsent.length}
          sending={sending.state}
          onSendFirst={() => void sendFirst()}
          onDiscard={() => void switchPerson()}
          discardLabel={`Toch wisselen naar ${next.person.name} en wijzigingen weggooien`}
          onCancel={staySignedIn}
          cancelLabel={`Aangemeld blijven als ${current.person.name}`}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void switchPerson()}>
            Wisselen naar {next.person.name}
          </button>
          <button type="button" className="button button--secondary" onClick={staySignedIn}>
            Aangemeld blijven als {current.person.name}
          </button>
        </div>
      )}
    </section>
  )
}
