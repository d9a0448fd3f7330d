import { useEffect, useState } from 'react'
import type { Status } from '../../../shared/roles.ts'
import { api } from '../../lib/api.ts'
import type { ProposalSummary } from '../../lib/types.ts'
import type { ServerEvents, StatusEvent } from './serverEvents.ts'

/** A proposal's title and status, kept current by `status` events (E1). */
export function useProposalMeta(proposalId: string, events: ServerEvents | null) {
  const [title, setTitle] = useState<string | null>(null)
  const [status, setStatus] = useState<Status | null>(null)

  useEffect(() => {
    let cancelled = false
    api<ProposalSummary[]>('api/proposals')
      .then((list) => {
        const found = list.find((proposal) => proposal.id === proposalId)
        if (cancelled || !found) return
        setTitle(found.title)
        setStatus(found.status)
      })
      .catch(() => undefined) // offline: the socket's refusal or the page says why
    return () => {
      cancelled = true
    }
  }, [proposalId])

  useEffect(() => {
    if (!events) return
    const offStatus = events.on('status', (event) => {
      setStatus((event as StatusEvent).status)
    })
    const offTitle = events.on('title', (event) => {
      if (typeof event.title === 'string') setTitle(event.title)
    })
    return () => {
      offStatus()
      offTitle()
    }
  }, [events])

  return { title, status }
}
