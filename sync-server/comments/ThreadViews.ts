/**
 * What each person sees of a thread (C7): the stored record plus whether a later
 * version overtook it (R6) and whether it has news for them.
 */
import type { Principal } from '../auth/Principal.ts'
import type { Logger } from '../log.ts'
import { peopleById } from '../people/peopleById.ts'
import type { Storage, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import { threadView } from './threadView.ts'
import { isUnread } from './unread.ts'

/** Which threads a later version has overtaken (R6): threadId → that version's id. */
export interface OutdatedLookup {
  of(proposalId: string, threads: Iterable<ThreadRecord>): Promise<Map<string, string>>
}

export class ThreadViews {
  readonly #storage: Storage
  readonly #log: Logger
  readonly #outdated: OutdatedLookup | undefined

  constructor(storage: Storage, log: Logger, outdated: OutdatedLookup | undefined) {
    this.#storage = storage
    this.#log = log
    this.#outdated = outdated
  }

  /** The views of these threads for one viewer, in the given order. */
  async for(
    viewer: Principal,
    proposalId: string,
    threads: ThreadRecord[],
    lastVisit: string | null,
  ) {
    const people = await peopleById(this.#storage)
    const outdated = await this.outdated(proposalId, threads)
    return threads.map((thread) =>
      threadView(thread, viewer, people, this.#extras(thread, viewer, lastVisit, outdated)),
    )
  }

  /**
   * Sends changed threads to everyone in the room, each their own view, and the
   * ids of threads that are gone (withdrawn suggestions).
   */
  async sendTo(room: Room, threads: ThreadRecord[], removed: string[] = []): Promise<void> {
    if ((threads.length === 0 && removed.length === 0) || room.connections.size === 0) return
    const people = await peopleById(this.#storage)
    const viewers = [...new Set([...room.connections].map((conn) => conn.personId))]
    const visits = await Promise.all(viewers.map((id) => this.#storage.visits.get(id, room.id)))
    const lastVisit = new Map(viewers.map((id, i) => [id, visits[i] ?? null]))
    const outdated = await this.outdated(room.id, threads)
    room.sendEventPer((conn) => ({
      type: 'threads',
      threads: threads.map((thread) =>
        threadView(
          thread,
          conn.principal,
          people,
          this.#extras(thread, conn.principal, lastVisit.get(conn.personId) ?? null, outdated),
        ),
      ),
      ...(removed.length > 0 ? { removed } : {}),
    }))
  }

  #extras(
    thread: ThreadRecord,
    viewer: Principal,
    lastVisit: string | null,
    outdated: ReadonlyMap<string, string>,
  ) {
    const outdatedVersionId = outdated.get(thread.id) ?? null
    return {
      outdated: outdatedVersionId !== null,
      outdatedVersionId,
      unread: isUnread(thread, viewer, lastVisit),
    }
  }

  /** R6 for these threads; a version that cannot be read leaves them as they are. */
  async outdated(proposalId: string, threads: Iterable<ThreadRecord>) {
    try {
      return (await this.#outdated?.of(proposalId, threads)) ?? new Map<string, string>()
    } catch (error) {
      this.#log.error('checking outdated threads failed', {
        proposal: proposalId,
        error: String(error),
      })
      return new Map<string, string>()
    }
  }
}
