import { useCallback, useEffect, useRef, useState } from 'react'
import * as Y from 'yjs'
import { isFrozen } from '../../../shared/roles.ts'
import type { Collab } from './createCollab.ts'
import type { RefusedEvent, StatusEvent } from './serverEvents.ts'
import type { UnsentPassage } from './unsentEdits.ts'

/** What the page shows after the text was frozen while this person was writing (S5). */
export interface FreezeState {
  /** Passages this person wrote that the server did not take; null when there are none. */
  unsent: UnsentPassage[] | null
  /** True when it could not be checked (the server did not answer). */
  failed: boolean
  dismiss(): void
}

/**
 * Watches for the text being frozen (`vastgesteld`, H4): the `status` event, or
 * the server refusing an edit for that reason. Then it compares this browser's
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
  const [failed, setFailed] = useState(false)
  const reload = useRef(reloadText)
  reload.current = reloadText

  useEffect(() => {
    if (!collab || !mayWrite) return
    let running = false
    let again = false
    let stopped = false
    // One check at a time; a refusal that arrives meanwhile is checked after it.
    const check = async (): Promise<void> => {
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
        setUnsent(passages)
        setFailed(false)
        await reload.current()
      } catch {
        if (!stopped) setFailed(true)
      } finally {
        running = false
        if (again && !stopped) {
          again = false
          void check()
        }
      }
    }
    const offStatus = collab.events.on('status', (event) => {
      if (isFrozen((event as StatusEvent).status)) void check()
    })
    const offRefused = collab.events.on('refused', (event) => {
      if ((event as RefusedEvent).reason === 'frozen') void check()
    })
    return () => {
      stopped = true
      offStatus()
      offRefused()
    }
  }, [collab, mayWrite, proposalId, token])

  const dismiss = useCallback(() => {
    setUnsent(null)
    setFailed(false)
  }, [])

  return { unsent, failed, dismiss }
}
