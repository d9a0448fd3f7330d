import { useCallback, useEffect, useState } from 'react'
import { FRAGMENT_NAME } from '../../../shared/schema.ts'
import { registerBeforeClear } from '../session/clearBrowserData.ts'
import { type Collab, createCollab } from './createCollab.ts'

/** An open proposal and whether its text may be shown yet. */
export interface CollabState {
  collab: Collab | null
  /**
   * True once the text is known: the server has synced, or the browser copy has
   * text, or the server cannot be reached (then we work from the browser copy).
   * Until then the editor is not shown, so nobody sees an empty text (S3).
   */
  ready: boolean
  /** Deletes the browser copy (and its unsent edits) and opens the proposal afresh. */
  reloadText(): Promise<void>
}

/** Opens a proposal for the signed-in person and closes it on leaving or signing out. */
export function useCollab(proposalId: string, personId: string, token: string): CollabState {
  const [collab, setCollab] = useState<Collab | null>(null)
  const [ready, setReady] = useState(false)
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    void generation
    const current = createCollab({ proposalId, personId, token })
    setCollab(current)
    setReady(false)
    let localLoaded = false
    const check = (serverAnswered: boolean) => {
      const hasText = current.doc.getXmlFragment(FRAGMENT_NAME).length > 0
      if (current.provider.synced || (localLoaded && (hasText || serverAnswered))) setReady(true)
    }
    void current.whenLocalLoaded.then(() => {
      localLoaded = true
      check(false)
    })
    const onSync = () => check(false)
    const onClose = () => check(true)
    current.provider.on('sync', onSync)
    current.provider.on('connection-close', onClose)
    const unregister = registerBeforeClear(() => current.destroy())
    return () => {
      unregister()
      current.provider.off('sync', onSync)
      current.provider.off('connection-close', onClose)
      void current.destroy()
    }
  }, [proposalId, personId, token, generation])

  const reloadText = useCallback(async () => {
    await collab?.discardLocalCopy()
    setGeneration((value) => value + 1)
  }, [collab])

  return { collab, ready, reloadText }
}
