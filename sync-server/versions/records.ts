/** Small helpers of saving a version: its id, and the line in the proposal's activity. */
import { randomBytes } from 'node:crypto'
import type { Logger } from '../log.ts'
import type { Storage, VersionRecord } from '../persistence/Storage.ts'

let sequence = 0

/** Ids sort by creation, also within one millisecond: `v-<time>-<sequence><random>`. */
export function newVersionId(): string {
  const time = Date.now().toString(36)
  const order = (sequence++ % 36 ** 3).toString(36).padStart(3, '0')
  return `v-${time}-${order}${randomBytes(3).toString('hex')}`
}

/** Notes a saved version in the proposal's activity; failing to note it never fails the save. */
export async function recordSaved(
  storage: Storage,
  log: Logger,
  record: VersionRecord,
): Promise<void> {
  const { id, proposalId, name, auto, createdBy, createdAt } = record
  try {
    await storage.activity.append({
      id: `a-${id}`,
      proposalId,
      type: 'version.saved',
      personId: createdBy,
      at: createdAt,
      details: { versionId: id, name, auto },
    })
  } catch (error) {
    log.error('recording activity failed', { proposal: proposalId, error: String(error) })
  }
}
