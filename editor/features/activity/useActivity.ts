import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import type { ActivityEntry } from './types.ts'

/** The activity of one endpoint: loading, an error in Dutch, or the entries (newest first). */
export type ActivityState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; entries: ActivityEntry[] }

/** How many entries are asked for; the list shows them a page at a time. */
export const ACTIVITY_LIMIT = 100

/**
 * GETs an activity endpoint (docs/API.md, "Operating it") and asks again when
 * `refresh` is called. Calls close together become one request, and an answer
 * that arrives after a newer request was started is dropped.
 */
export function useActivity(path: string) {
  const [state, setState] = useState<ActivityState>({ status: 'loading' })
  const asked = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const load = useCallback(async () => {
    const ask = ++asked.current
    try {
      const entries = await api<ActivityEntry[]>(`${path}?limit=${ACTIVITY_LIMIT}`)
      if (ask === asked.current) setState({ status: 'ready', entries })
    } catch (error) {
      const message =
        error instanceof ApiError ? error.message : 'De activiteit kon niet worden geladen.'
      if (ask === asked.current) setState({ status: 'error', message })
    }
  }, [path])

  useEffect(() => {
    void load()
    return () => {
      asked.current++
      if (timer.current) clearTimeout(timer.current)
    }
  }, [load])

  /** Loads again shortly: several events in a row (a restore, say) cause one request. */
  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      timer.current = null
      void load()
    }, 300)
  }, [load])

  return { state, refresh, reload: load }
}
