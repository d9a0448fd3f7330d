import { useCallback, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { useCommentsContext } from './CommentsContext.ts'
import type { Thread } from './types.ts'

/** Busy and error state for one form or button of the panel. */
export interface Action {
  busy: boolean
  error: string | null
  /**
   * Runs a call that answers the changed thread, puts that thread into the
   * panel and announces `done`. Resolves true on success; on failure keeps the
   * server's Dutch message in `error` (nothing typed is lost).
   */
  run(call: () => Promise<Thread>, done: string): Promise<boolean>
  clearError(): void
}

/** One action of the panel, reporting through the comments context. */
export function useAction(): Action {
  const { apply, announce } = useCommentsContext()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(
    async (call: () => Promise<Thread>, done: string) => {
      setBusy(true)
      setError(null)
      try {
        apply(await call())
        announce(done)
        return true
      } catch (caught) {
        setError(
          caught instanceof ApiError ? caught.message : 'Er ging iets mis. Probeer het opnieuw.',
        )
        return false
      } finally {
        setBusy(false)
      }
    },
    [apply, announce],
  )
  return { busy, error, run, clearError: useCallback(() => setError(null), []) }
}
