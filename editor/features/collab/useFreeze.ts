import { useCallback, useEffect, useRef, useState } from 'react'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../../shared/protocol.ts'
import { isFrozen } from '../../../shared/roles.ts'
import type { Collab } from './createCollab.ts'
import type { RefusedEvent, StatusEvent } from './serverEvents.ts'
import type { UnsentPassage } from './unsentEdits.ts'

/** Why the server stopped taking this person's edits. */
export type UnsentCause = 'frozen' | 'role'

/** What the page shows after the text was frozen, or the person's role changed, while they were writing (S5, A3). */
export interface FreezeState {
  /** Passages this person wrote that the server did not take; null when there are none. */
  unsent: UnsentPassage[] | null
  cause: UnsentCause
  /** True when it could not be checked (the server did not answer). */
  failed: boolean
  dismiss(): void
}

/**
 * Watches for the text being frozen (`vastgesteld`, H4): the `status` event, or
 * the server refusing an edit for that reason; and for the server closing the
 * socket because the person may not write any more (4403 `read_only`: an editor
 * made them member while their edits were on the way). Then it compares this browser's
 * text with a fresh copy of the server's (see `unsentEdits.ts`). Edits the
 * server does not have are kept for the person to see and copy, and the
 * browser's copy is replaced by the server's (`reloadText`), so those edits are
 * never sent later — not when the freeze lifts, not after a reconnect.
 */
export function useFreeze(options: {
  proposalId: string
  token: string
  collab: Collab | null
  /** Only people who may write can have unsent edits. */
  mayWrite: boolean
  reloadText: () => Promise<void>
}): FreezeState {
  const { proposalId, token, collab, mayWrite, reloadText } = options
  const [unsent, setUnsent] = useState<UnsentPassage[] | null>(null)
  const [cause, setCause] = useState<UnsentCause>('frozen')
  const [failed, setFailed] = useState(false)
  const reload = useRef(reloadText)
  reload.current = reloadText
  // Read when a check starts, not a reason to stop one: the role may change while it runs.
  const writing = useRef(mayWrite)
  writing.current = mayWrite

  useEffect(() => {
    if (!collab) return
    let running = false
    let again = false
    let stopped = false
    // One check at a time; a refusal that arrives meanwhile is checked after it.
    const check = async (why: UnsentCause): Promise<void> => {
      if (running) {
        again = true
        return
      }
      running = true
      const local = Y.encodeStateAsUpdate(collab.doc)
      try {
        const { findUnsent } = await import('./findUnsent.ts')
        const passages = await findUnsent(proposalId, token, local)
        if (stopped || passages.length === 0) return
        stopped = true
        setCause(why)
        setUnsent(passages)
        setFailed(false)
        await reload.current()
      } catch {
        if (!stopped) {
          setCause(why)
          setFailed(true)
        }
      } finally {
        running = false
        if (again && !stopped) {
          again = false
          void check(why)
        }
      }
    }
    const offStatus = collab.events.on('status', (event) => {
      if (writing.current && isFrozen((event as StatusEvent).status)) void check('frozen')
    })
    const offRefused = collab.events.on('refused', (event) => {
      if (writing.current && (event as RefusedEvent).reason === 'frozen') void check('frozen')
    })
    const onClose = (event: { code: number; reason: string } | null) => {
      if (event?.code === CloseCode.forbidden.code && event.reason === CloseReason.readOnly)
        void check('role')
    }
    collab.provider.on('connection-close', onClose)
    return () => {
      stopped = true
      offStatus()
      offRefused()
      collab.provider.off('connection-close', onClose)
    }
  }, [collab, proposalId, token])

  const dismiss = useCallback(() => {
    setUnsent(null)
    setFailed(false)
  }, [])

  return { unsent, cause, failed, dismiss }
}
