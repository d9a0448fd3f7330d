/**
 * A proposal's thread records as this instance knows them. Kept in memory only
 * while this instance holds the proposal's room: then every change made
 * elsewhere reaches it through the bus (`refreshed`); without the room nothing
 * would, so they are read afresh. Every change of a stored thread is made in
 * place in storage (D4), on the freshest record, and the memory takes what
 * was stored.
 */
import { AppError } from '../errors.ts'
import type { Storage, ThreadRecord } from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'

export class ThreadRecords {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #cache = new Map<string, Promise<Map<string, ThreadRecord>>>()

  constructor(storage: Storage, rooms: Rooms) {
    this.#storage = storage
    this.#rooms = rooms
  }

  /** A proposal's threads by id: from memory where the room is held, else from storage. */
  of(proposalId: string): Promise<Map<string, ThreadRecord>> {
    const cached = this.#cache.get(proposalId)
    if (cached) return cached
    const read = this.#storage.threads
      .list(proposalId)
      .then((list) => new Map(list.map((t) => [t.id, t])))
    if (this.#rooms.peek(proposalId)) {
      this.#cache.set(proposalId, read)
      read.catch(() => this.#cache.delete(proposalId))
    }
    return read
  }

  /** True while the proposal's threads are kept in memory. */
  isKept(proposalId: string): boolean {
    return this.#cache.has(proposalId)
  }

  /**
   * The stored record of a thread: another instance (D1) may have opened or
   * changed it since this one's list was read.
   * @throws AppError 404 when it is not (or no longer) there
   */
  async get(proposalId: string, threadId: string): Promise<ThreadRecord> {
    const thread = await this.#storage.threads.get(proposalId, threadId)
    await this.#keep(proposalId, threadId, thread)
    if (!thread) throw notFound()
    return thread
  }

  /**
   * Changes a stored thread in place (see `RecordChange`): `apply` runs on the
   * freshest record and may refuse by throwing.
   * @throws AppError 404 when it is not (or no longer) there
   */
  async change(
    proposalId: string,
    threadId: string,
    apply: (thread: ThreadRecord) => void,
  ): Promise<ThreadRecord> {
    const changed = await this.#storage.threads.change(proposalId, threadId, (current) => {
      apply(current)
      return current
    })
    await this.#keep(proposalId, threadId, changed)
    if (!changed) throw notFound()
    return changed
  }

  /** Stores a new thread. */
  async add(thread: ThreadRecord): Promise<void> {
    await this.#storage.threads.put(thread)
    await this.#keep(thread.proposalId, thread.id, thread)
  }

  /** Removes a thread once `check` (on the freshest record) lets it. */
  async remove(
    proposalId: string,
    threadId: string,
    check: (thread: ThreadRecord) => void,
  ): Promise<void> {
    await this.#storage.threads.remove(proposalId, threadId, check)
    await this.#keep(proposalId, threadId, undefined)
  }

  /**
   * Threads changed (here or on another instance): their records as stored
   * now, kept in memory where the room is. Changed here: the kept record is
   * the one just stored.
   */
  async refreshed(
    proposalId: string,
    ids: string[],
    removed: string[],
    fromElsewhere: boolean,
  ): Promise<ThreadRecord[]> {
    const cached = this.#cache.has(proposalId) ? await this.of(proposalId) : null
    for (const id of removed) cached?.delete(id)
    const threads: ThreadRecord[] = []
    for (const id of ids) {
      const thread =
        fromElsewhere || !cached?.has(id)
          ? await this.#storage.threads.get(proposalId, id)
          : cached.get(id)
      if (!thread) continue
      if (fromElsewhere) cached?.set(id, thread)
      threads.push(thread)
    }
    return threads
  }

  /** Drops a proposal's kept threads once it left memory (they stay stored). */
  forget(proposalId: string): void {
    this.#cache.delete(proposalId)
  }

  /** Where the room is held, memory takes the record as stored (and starts keeping them all). */
  async #keep(proposalId: string, threadId: string, thread: ThreadRecord | undefined) {
    if (!this.#cache.has(proposalId) && !this.#rooms.peek(proposalId)) return
    const kept = await this.of(proposalId)
    if (thread) kept.set(threadId, thread)
    else kept.delete(threadId)
  }
}

function notFound(): AppError {
  return new AppError('not_found', 'Deze reactie bestaat niet (meer).')
}
