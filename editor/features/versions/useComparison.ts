import { useEffect, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import type { Comparison } from './types.ts'
import { versionsApi } from './versionsApi.ts'

export type ComparisonState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; comparison: Comparison }

/** Asks the server to compare version `from` with version `to` or the text now (V3). */
export function useComparison(proposalId: string, from: string, to: string): ComparisonState {
  const [state, setState] = useState<ComparisonState>({ status: 'loading' })
  useEffect(() => {
    let cancelled = false
    setState({ status: 'loading' })
    versionsApi(proposalId)
      .compare(from, to)
      .then((comparison) => !cancelled && setState({ status: 'ready', comparison }))
      .catch((failure: unknown) => {
        if (cancelled) return
        const message =
          failure instanceof ApiError ? failure.message : 'De vergelijking is niet geladen.'
        setState({ status: 'error', message })
      })
    return () => {
      cancelled = true
    }
  }, [proposalId, from, to])
  return state
}
