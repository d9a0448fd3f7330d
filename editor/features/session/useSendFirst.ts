import { useCallback, useState } from 'react'

/** Where sending unsent edits stands, for the words and buttons around it. */
export type SendState = 'idle' | 'sending' | 'failed'

type Person = { personId: string; token: string }

/** `sendUnsentEdits`, loaded when first needed. */
async function sendEdits(
  proposalIds: readonly string[],
  person: Person,
  options?: { timeoutMs?: number; openOnly?: boolean },
): Promise<string[]> {
  const { sendUnsentEdits } = await import('../collab/sendUnsent.ts')
  return sendUnsentEdits(proposalIds, person, options)
}

/**
 * Edits the server may have already: an edit is marked unsent until the server
 * confirms it, a moment after typing. Asking the open proposals for that
 * confirmation first spares the question when it would come too early.
 * @returns the proposals that still hold unconfirmed edits
 */
export async function confirmOpenEdits(
  proposalIds: readonly string[],
  person: Person,
): Promise<string[]> {
  try {
    return await sendEdits(proposalIds, person, { timeoutMs: 2000, openOnly: true })
  } catch {
    return [...proposalIds]
  }
}

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
        const left = await sendEdits(proposalIds, person)
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
