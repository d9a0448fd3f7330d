import { useCallback, useEffect, useState } from 'react'
import { ApiError, api } from './api.ts'

/** The state of one GET request. */
export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T }

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError(0, 'unknown', error instanceof Error ? error.message : String(error))
}

/** GETs `path` and keeps the answer; `reload` asks again. */
export function useApi<T>(path: string): { state: Loadable<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' })
  const reload = useCallback(async () => {
    try {
      const data = await api<T>(path)
      setState({ status: 'ready', data })
    } catch (error) {
      setState({ status: 'error', error: toApiError(error) })
    }
  }, [path])
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload }
}
