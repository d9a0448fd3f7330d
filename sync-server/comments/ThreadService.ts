/**
 * Comment threads and amendments (contract C1–C7). The thread store is the
 * server's: every change is checked against the role (A2) and announced to the
 * proposal's open editors on the event channel (E1).
 */
import type { Schema } from '@tiptap/pm/model'
import { isFrozen } from '../../shared/roles.ts'
import type { Principal } from '../auth/Principal.ts'
import { AppError, textFrozen } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { ProposalRecord, Storage, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { resolveAnchor } from './anchors.ts'
import { applyAmendment } from './applyAmendment.ts'
import { changeComment, deleteComment } from './commentEdits.ts'
import { bodyField, decisionField, optionalNote } from './input.ts'
import { LinearText } from './LinearText.ts'
import { newThreadFields, revisedFields } from './newThreadFields.ts'
import { placedFields, placeThread } from './placeThread.ts'
import { newComment, newThread, now } from './records.ts'
import { ThreadAnchoring } from './ThreadAnchoring.ts'
import { type OutdatedLookup, ThreadViews } from './ThreadViews.ts'
import { isUnread } from './unread.ts'

export type ThreadFilter = 'open' | 'resolved' | 'all'

export type { OutdatedLookup }

export interface ThreadServiceOptions {
  log: Logger
  anchorDelayMs: number
  /** The schema of the text, for amendments that span passages (C6). */
  schema: Schema
  /** R6; without it no thread is ever outdated. */
  outdated?: OutdatedLookup
}

export class ThreadService {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #cache = new Map<string, Promise<Map<string, ThreadRecord>>>()
  readonly anchoring: ThreadAnchoring
  readonly #views: ThreadViews
  readonly #schema: Schema

  constructor(storage: Storage, rooms: Rooms, options: ThreadServiceOptions) {
    this.#schema = options.schema
    this.#storage = storage
    this.#rooms = rooms
    this.#views = new ThreadViews(storage, options.log, options.outdated)
    rooms.on('threads', (room, { ids, removed, from }) => {
      const gone = (removed as string[] | undefined) ?? []
      this.#deliver(room, ids as string[], gone, from !== rooms.instanceId).catch((error) =>
        options.log.error('sending thread changes failed', {
          proposal: room.id,
          error: String(error),
        }),
      )
    })
    this.anchoring = new ThreadAnchoring({
      delayMs: options.anchorDelayMs,
      log: options.log,
      threadsOf: async (id) => [...(await this.#threads(id)).values()],
      onMoved: async (id, moved) => {
        const threads = await this.#threads(id)
        const changed: ThreadRecord[] = []
        for (const { id: threadId, anchor } of moved) {
          const current = threads.get(threadId)
          if (!current) continue
          current.anchor = anchor
          await this.#storage.threads.put(current)
          changed.push(current)
        }
        await this.#announce(id, changed)
      },
    })
  }

  /**
   * A proposal's threads. Kept in memory only while this instance holds the
   * proposal's room: then every change made elsewhere reaches it through the
   * bus (`#deliver`); without the room nothing would, so they are read afresh.
   */
  #threads(proposalId: string): Promise<Map<string, ThreadRecord>> {
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

  /**
   * The stored record of a thread about to be changed: another instance (D1)
   * may have opened or changed it since this one's list was read, and a change
   * made to an old copy would write that copy back over theirs.
   */
  async #thread(proposalId: string, threadId: string): Promise<ThreadRecord> {
    const cached = await this.#threads(proposalId)
    const thread = await this.#storage.threads.get(proposalId, threadId)
    if (!thread) {
      cached.delete(threadId)
      throw new AppError('not_found', 'Deze reactie bestaat niet (meer).')
    }
    cached.set(threadId, thread)
    return thread
  }

  /** Runs `work` with the proposal's room loaded, then lets it unload when idle. */
  async #withRoom<T>(proposalId: string, work: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.#rooms.get(proposalId)
    try {
      return await work(room)
    } finally {
      this.#rooms.releaseIdle(room)
    }
  }

  /** Drops a proposal's cached threads once it left memory (they stay stored). */
  forget(proposalId: string): void {
    this.anchoring.cancel(proposalId)
    this.#cache.delete(proposalId)
  }

  /** Called after every accepted change of a proposal's text. */
  textChanged(proposalId: string): void {
    const room = this.#rooms.peek(proposalId)
    if (room && this.#cache.has(proposalId)) this.anchoring.schedule(room)
  }

  async #save(thread: ThreadRecord): Promise<void> {
    thread.updatedAt = now()
    await this.#storage.threads.put(thread)
    await this.#announce(thread.proposalId, [thread])
  }

  /**
   * Tells every instance holding the proposal which threads changed; each sends
   * them to its own sockets, every person seeing their own view (C7).
   */
  async #announce(
    proposalId: string,
    threads: ThreadRecord[],
    removed: string[] = [],
  ): Promise<void> {
    if (threads.length === 0 && removed.length === 0) return
    const ids = threads.map((thread) => thread.id)
    this.#rooms.publish(proposalId, { kind: 'threads', ids, removed, from: this.#rooms.instanceId })
  }

  /** Threads changed (here or on another instance): refresh them and tell this instance's sockets. */
  async #deliver(
    room: Room,
    ids: string[],
    removed: string[],
    fromElsewhere: boolean,
  ): Promise<void> {
    const proposalId = room.id
    const cached = this.#cache.has(proposalId) ? await this.#threads(proposalId) : null
    for (const id of removed) cached?.delete(id)
    const threads: ThreadRecord[] = []
    for (const id of ids) {
      // Changed by another instance: storage has the current version. Changed
      // here: the cached record is the one that was just saved.
      const thread =
        fromElsewhere || !cached?.has(id)
          ? await this.#storage.threads.get(proposalId, id)
          : cached.get(id)
      if (!thread) continue
      if (fromElsewhere) cached?.set(id, thread)
      threads.push(thread)
    }
    await this.#views.sendTo(room, threads, removed)
  }

  async list(viewer: Principal, proposal: ProposalRecord, filter: ThreadFilter) {
    const threads = await this.#threads(proposal.id)
    if (threads.size > 0) await this.#withRoom(proposal.id, (room) => this.anchoring.run(room))
    const lastVisit = await this.#storage.visits.get(viewer.person.id, proposal.id)
    const linearOrder = await this.#textOrder(proposal.id, [...threads.values()])
    const shown = linearOrder.filter((thread) => filter === 'all' || thread.status === filter)
    return this.#views.for(viewer, proposal.id, shown, lastVisit)
  }

  /** Threads in text order (anchored ones by position, the others after, oldest first). */
  async #textOrder(proposalId: string, threads: ThreadRecord[]): Promise<ThreadRecord[]> {
    if (threads.length === 0) return []
    return this.#withRoom(proposalId, (room) => {
      const linear = new LinearText(room.fragment)
      const position = new Map(
        threads.map((t) => [
          t.id,
          t.anchor.anchored
            ? resolveAnchor(t, room.doc, linear, room.authorship.provenance).from
            : Number.POSITIVE_INFINITY,
        ]),
      )
      return [...threads].sort(
        (a, b) =>
          position.get(a.id)! - position.get(b.id)! || a.createdAt.localeCompare(b.createdAt),
      )
    })
  }

  async get(viewer: Principal, proposal: ProposalRecord, threadId: string) {
    const thread = await this.#thread(proposal.id, threadId)
    const lastVisit = await this.#storage.visits.get(viewer.person.id, proposal.id)
    const [view] = await this.#views.for(viewer, proposal.id, [thread], lastVisit)
    return view!
  }

  async view(viewer: Principal, thread: ThreadRecord) {
    const [view] = await this.#views.for(viewer, thread.proposalId, [thread], null)
    return view!
  }

  async create(
    author: Principal,
    proposal: ProposalRecord,
    input: Record<string, unknown>,
  ): Promise<ThreadRecord> {
    const { body, quote, replacement } = newThreadFields(input)
    const placed = await this.#withRoom(proposal.id, (room) =>
      placeThread(room, quote, input.anchor),
    )
    const versions = await this.#storage.versions.list(proposal.id)
    const thread = newThread({
      proposalId: proposal.id,
      authorId: author.person.id,
      body,
      quote,
      replacement,
      placed,
      versionId: versions[0]?.id ?? null,
    })
    ;(await this.#threads(proposal.id)).set(thread.id, thread)
    await this.#save(thread)
    return thread
  }

  /**
   * The author revises an open amendment: its replacement (after 409
   * quote_changed, or typing on in a suggestion), and with `quote` and `anchor`
   * the text it replaces (a suggestion that grew).
   */
  async revise(
    actor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    const thread = await this.#ownOpenAmendment(actor, proposal.id, threadId)
    const { quote, replacement } = revisedFields(thread, input)
    if (quote !== thread.quote || input.anchor !== undefined) {
      const placed = await this.#withRoom(proposal.id, (room) =>
        placeThread(room, quote, input.anchor),
      )
      Object.assign(thread, placedFields(placed), { quote })
    }
    thread.replacement = replacement
    await this.#save(thread)
    return thread
  }

  /**
   * The author takes back an open amendment nobody else has spoken on (a
   * suggestion typed and then removed again): it is gone for everyone.
   */
  async withdraw(actor: Principal, proposal: ProposalRecord, threadId: string) {
    const thread = await this.#ownOpenAmendment(actor, proposal.id, threadId)
    if (thread.comments.some((comment) => comment.authorId !== actor.person.id))
      throw new AppError(
        'conflict',
        'Anderen hebben al op dit voorstel gereageerd; het blijft staan. Vraag de redactie het af te handelen.',
      )
    await this.#storage.threads.remove(proposal.id, thread.id)
    ;(await this.#threads(proposal.id)).delete(thread.id)
    await this.#announce(proposal.id, [], [thread.id])
  }

  async #ownOpenAmendment(actor: Principal, proposalId: string, threadId: string) {
    const thread = await this.#amendment(proposalId, threadId)
    if (thread.createdBy !== actor.person.id) {
      throw new AppError('forbidden', 'Alleen wie het voorstel deed, kan het aanpassen.')
    }
    if (thread.status !== 'open' || thread.applied) {
      throw new AppError('conflict', 'Dit wijzigingsvoorstel is al afgehandeld.')
    }
    return thread
  }

  async reply(
    author: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    const thread = await this.#thread(proposal.id, threadId)
    const body = bodyField(input.body)
    thread.comments.push(newComment(author.person.id, body))
    await this.#save(thread)
    return thread
  }

  /** The author edits a comment's body; an editor hides or shows it (C4). */
  async changeComment(
    actor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    commentId: string,
    input: Record<string, unknown>,
  ) {
    const thread = await this.#thread(proposal.id, threadId)
    changeComment(thread, actor, commentId, input)
    await this.#save(thread)
    return thread
  }

  async deleteComment(
    actor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    commentId: string,
  ) {
    const thread = await this.#thread(proposal.id, threadId)
    deleteComment(thread, actor, commentId)
    await this.#save(thread)
    return thread
  }

  async resolve(
    editor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    return this.#resolved(editor, await this.#thread(proposal.id, threadId), input)
  }

  /** Resolves `thread` as read (and perhaps changed) by the caller, and stores it. */
  async #resolved(editor: Principal, thread: ThreadRecord, input: Record<string, unknown>) {
    thread.decision = decisionField(input.decision)
    thread.note = optionalNote(input.note)
    thread.status = 'resolved'
    thread.resolvedBy = editor.person.id
    thread.resolvedAt = now()
    await this.#save(thread)
    return thread
  }

  /** Reopening keeps the text as it is, also after an accepted amendment (C5). */
  async reopen(_editor: Principal, proposal: ProposalRecord, threadId: string) {
    const thread = await this.#thread(proposal.id, threadId)
    thread.status = 'open'
    thread.decision = null
    thread.resolvedBy = null
    thread.resolvedAt = null
    await this.#save(thread)
    return thread
  }

  async reject(
    editor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    const thread = await this.#amendment(proposal.id, threadId)
    return this.resolve(editor, proposal, thread.id, {
      decision: 'niet-verwerkt',
      note: input.note,
    })
  }

  async #amendment(proposalId: string, threadId: string) {
    const thread = await this.#thread(proposalId, threadId)
    if (thread.kind !== 'amendment')
      throw new AppError('conflict', 'Deze reactie is geen wijzigingsvoorstel.')
    return thread
  }

  /**
   * Applies an amendment as one minimal change (C6), credited to its proposer;
   * the thread records which editor accepted it.
   */
  async accept(editor: Principal, proposal: ProposalRecord, threadId: string) {
    if (isFrozen(proposal.status)) throw textFrozen()
    const thread = await this.#amendment(proposal.id, threadId)
    if (thread.applied) throw new AppError('conflict', 'Dit wijzigingsvoorstel is al verwerkt.')
    await this.#withRoom(proposal.id, async (room) => {
      const linear = await this.anchoring.run(room)
      const applied = applyAmendment(room, linear, this.#schema, thread, editor.person.id)
      thread.anchor = applied.anchor
      thread.acceptance = applied.acceptance
      await room.flushed()
    })
    thread.applied = true
    // This very record: reading it again would lose the anchor and acceptance set above.
    return this.#resolved(editor, thread, { decision: 'verwerkt', note: thread.note })
  }

  /** Stores and announces suggestions made from a .docx's tracked changes (W2). */
  async addImported(proposalId: string, threads: ThreadRecord[]): Promise<void> {
    if (threads.length === 0) return
    const known = await this.#threads(proposalId)
    for (const thread of threads) {
      known.set(thread.id, thread)
      await this.#storage.threads.put(thread)
    }
    await this.#announce(proposalId, threads)
  }

  async openCount(proposalId: string): Promise<number> {
    let count = 0
    for (const thread of (await this.#threads(proposalId)).values())
      if (thread.status === 'open') count++
    return count
  }

  /** Threads with news for the viewer since their last visit ("Nieuw voor u"). */
  async unreadCount(viewer: Principal, proposalId: string): Promise<number> {
    const lastVisit = await this.#storage.visits.get(viewer.person.id, proposalId)
    let count = 0
    for (const thread of (await this.#threads(proposalId)).values())
      if (isUnread(thread, viewer, lastVisit)) count++
    return count
  }

  markSeen(viewer: Principal, proposalId: string): Promise<void> {
    return this.#storage.visits.put(viewer.person.id, proposalId, now())
  }
}
