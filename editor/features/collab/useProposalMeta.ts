import { useCallback, useEffect, useState } from 'react'
import { isStatus, type Status } from '../../../shared/roles.ts'
import { api } from '../../lib/api.ts'
import type { Person, ProposalSummary } from '../../lib/types.ts'
import { RECONNECTED, type ServerEvents, type StatusEvent } from './serverEvents.ts'

/** Who last changed the status, and when (H4). */
export interface StatusChange {
  by: Person | null
  at: string | null
}

/**
 * A proposal's title and status with who changed it when, kept current by
 * `status` events (E1). A refusal because the text is frozen carries the status
 * too, so a page that missed the change still turns read-only at once.
 */
export function useProposalMeta(proposalId: string, events: ServerEvents | null) {
  const [title, setTitle] = useState<string | null>(null)
  const [status, setStatus] = useState<Status | null>(null)
  const [statusChange, setStatusChange] = useState<StatusChange>({ by: null, at: null })

  const [reconnects, setReconnects] = useState(0)

  // Read once when the page opens, and again after each reconnect (a status or
  // title changed while the connection was gone came as no event).
  useEffect(() => {
    void reconnects
    let cancelled = false
    api<ProposalSummary[]>('api/proposals')
      .then((list) => {
        const found = list.find((proposal) => proposal.id === proposalId)
        if (cancelled || !found) return
        setTitle(found.title)
        setStatus(found.status)
        setStatusChange({ by: found.statusChangedBy ?? null, at: found.statusChangedAt ?? null })
      })
      .catch(() => undefined) // offline: the socket's refusal or the page says why
    return () => {
      cancelled = true
    }
  }, [proposalId, reconnects])

  useEffect(() => events?.on(RECONNECTED, () => setReconnects((n) => n + 1)), [events])

  useEffect(() => {
    if (!events) return
    const offStatus = events.on('status', (event) => {
      const { status: next, by, at } = event as StatusEvent & { by?: Person; at?: string }
      setStatus(next)
      setStatusChange({ by: by ?? null, at: at ?? null })
    })
    const offRefused = events.on('refused', (event) => {
      if (event.reason === 'frozen' && isStatus(event.status)) setStatus(event.status)
    })
    const offTitle = events.on('title', (event) => {
      if (typeof event.title === 'string') setTitle(event.title)
    })
    return () => {
      offStatus()
      offRefused()
      offTitle()
    }
  }, [events])

  /** Shows a proposal the server just answered, before its event arrives. */
  const showProposal = useCallback((proposal: ProposalSummary) => {
    setStatus(proposal.status)
    setStatusChange({ by: proposal.statusChangedBy ?? null, at: proposal.statusChangedAt ?? null })
  }, [])

  return { title, status, statusChange, showProposal }
}
