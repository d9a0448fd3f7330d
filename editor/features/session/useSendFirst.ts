import { useCallback, useState } from 'react'

/** Where sending unsent edits stands, for the words and buttons around it. */
export type SendState = 'idle' | 'sending' | 'failed'

/**
 * Sends the edits this browser kept (for a person, with their token) and says
 * how it went. The code that sends is loaded only when someone asks for it.
 */
export function useSendFirst() {
  const [state, setState] = useState<SendState>('idle')
  const send = useCallback(
    async (proposalIds: readonly string[], person: { personId: string; token: string }) => {
      setState('sending')
      try {
        const { sendUnsentEdits } = await import('../collab/sendUnsent.ts')
        const left = await sendUnsentEdits(proposalIds, person)
        setState(left.length === 0 ? 'idle' : 'failed')
        return left
      } catch {
        setState('failed')
        return [...proposalIds]
      }
    },
    [],
  )
  return { state, send }
}
