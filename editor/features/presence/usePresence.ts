import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'

/** One person in the proposal right now. */
export interface Present {
  key: string
  name: string
  organisation: string | null
  color: string
  isSelf: boolean
}

interface AwarenessUser {
  id?: unknown
  name?: unknown
  color?: unknown
  organisation?: unknown
}

/**
 * The people in the awareness states, one entry per person even with several
 * tabs open, yourself first. Names and colours come from the server (A6).
 */
export function listPresent(states: Map<number, Record<string, unknown>>, selfId: number) {
  const people = new Map<string, Present>()
  for (const [clientId, state] of states) {
    const user = (state.user ?? null) as AwarenessUser | null
    if (!user || typeof user.name !== 'string' || user.name.trim() === '') continue
    const isSelf = clientId === selfId
    const key = typeof user.id === 'string' ? user.id : `name:${user.name}`
    const known = people.get(key)
    if (known) {
      known.isSelf ||= isSelf
      continue
    }
    const color = typeof user.color === 'string' ? user.color : '#595959'
    const organisation = typeof user.organisation === 'string' ? user.organisation : null
    people.set(key, { key, name: user.name, organisation, color, isSelf })
  }
  return [...people.values()].sort((a, b) =>
    a.isSelf === b.isSelf ? a.name.localeCompare(b.name, 'nl') : a.isSelf ? -1 : 1,
  )
}

/** Who is here, kept up to date from the provider's awareness. */
export function usePresence(awareness: Awareness | null): Present[] {
  const [present, setPresent] = useState<Present[]>([])
  useEffect(() => {
    if (!awareness) return
    const update = () =>
      setPresent(
        listPresent(
          awareness.getStates() as Map<number, Record<string, unknown>>,
          awareness.clientID,
        ),
      )
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness])
  return present
}
