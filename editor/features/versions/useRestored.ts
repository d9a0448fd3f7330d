import { useEffect, useState } from 'react'
import type { Person } from '../../lib/types.ts'
import type { ServerEvents } from '../collab/serverEvents.ts'

/**
 * The line that says a version was restored (V4, E1): "Eva heeft de versie …
 * teruggezet", or "U hebt …" for the one who did it. The text itself arrives
 * as any other change; this says who did it and where the old text went.
 */
export function useRestored(events: ServerEvents | null, meId: string) {
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    if (!events) return
    return events.on('restored', (event) => {
      const { restoredFrom, safetyVersion, by } = event as {
        restoredFrom?: { name?: string }
        safetyVersion?: { name?: string }
        by?: Person
      }
      if (typeof restoredFrom?.name !== 'string' || typeof safetyVersion?.name !== 'string') return
      const who = by?.id === meId ? 'U hebt' : `${by?.name ?? 'De VNG-redactie'} heeft`
      setMessage(
        `${who} de versie "${restoredFrom.name}" teruggezet. De tekst van daarvoor staat bij de versies als "${safetyVersion.name}".`,
      )
    })
  }, [events, meId])
  return { message, setMessage }
}
