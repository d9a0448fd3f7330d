/**
 * What happened to a proposal, for editors (issue: operating it): versions
 * saved, threads resolved, amendments accepted, restores, status changes,
 * invitations and revocations. Records name people by id only, so anonymising a
 * person changes every line at once.
 */
import { randomBytes } from 'node:crypto'
import type { Logger } from '../log.ts'
import type { ActivityRecord, Storage } from '../persistence/Storage.ts'

export type ActivityType =
  | 'version.saved'
  | 'version.restored'
  | 'thread.resolved'
  | 'thread.reopened'
  | 'amendment.accepted'
  | 'amendment.rejected'
  | 'status.changed'
  | 'title.changed'
  | 'proposal.created'
  | 'proposal.imported'
  | 'round.opened'
  | 'round.closed'
  | 'person.invited'
  | 'person.revoked'
  | 'person.anonymised'
  | 'person.changed'
  | 'people.imported'

export class ActivityLog {
  readonly #storage: Storage
  readonly #log: Logger

  constructor(storage: Storage, log: Logger) {
    this.#storage = storage
    this.#log = log
  }

  /** Records an event; a failure to record is logged and never fails the action itself. */
  async record(
    type: ActivityType,
    personId: string,
    proposalId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const record: ActivityRecord = {
      id: `a-${randomBytes(6).toString('hex')}`,
      proposalId,
      type,
      personId,
      at: new Date().toISOString(),
      details,
    }
    try {
      await this.#storage.activity.append(record)
    } catch (error) {
      this.#log.error('recording activity failed', {
        type,
        proposal: proposalId,
        error: String(error),
      })
    }
  }

  list(proposalId: string | null, limit: number): Promise<ActivityRecord[]> {
    return this.#storage.activity.list(proposalId, limit)
  }
}
