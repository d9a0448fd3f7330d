import { createCollab } from './createCollab.ts'
import { openCollabs } from './openCollabs.ts'

/** How long sending may take before the person is told it did not work. */
const SEND_TIMEOUT_MS = 10_000

/**
 * Sends the edits this browser kept for `proposalIds` and waits until the server
 * has stored them: through the open proposal's own socket, or, for one that is
 * not open, through a socket of its own on the browser copy (no presence, closed
 * after). Loaded only when someone signs out or switches with unsent edits.
 * @param options.openOnly only proposals open in this tab (a quick check before asking)
 * @returns the proposals whose edits could not be confirmed
 */
export async function sendUnsentEdits(
  proposalIds: readonly string[],
  person: { personId: string; token: string },
  options: { timeoutMs?: number; openOnly?: boolean } = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS
  const results = await Promise.all(
    proposalIds.map(async (proposalId) => {
      const open = openCollabs.get(proposalId)
      if (!open && options.openOnly) return proposalId
      const collab = open ?? createCollab({ proposalId, ...person, presence: false })
      try {
        await collab.whenLocalLoaded
        await collab.watch.whenSent(timeoutMs)
        return null
      } catch {
        return proposalId
      } finally {
        if (!open) await collab.destroy()
      }
    }),
  )
  return results.filter((id): id is string => id !== null)
}
