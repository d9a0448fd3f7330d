/**
 * Comment threads and amendments (contract C1–C7). The thread store is the
 * server's: every change is checked against the role (A2) and announced to the
 * proposal's open editors on the event channel (E1). Every change of a stored
 * thread is made in place (D4): its checks run on the freshest record, so
 * changes made at the same time through several instances are all kept.
 */
import type { Schema } from '@tiptap/pm/model'
import { isFrozen } from '../../shared/roles.ts'
import type { Principal } from '../auth/Principal.ts'
import { LocalLocks } from '../cluster/Locks.ts'
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
import { type MovedThread, ThreadAnchoring } from './ThreadAnchoring.ts'
import { ThreadRecords } from './ThreadRecords.ts'
import { type OutdatedLookup, ThreadViews } from './ThreadViews.ts'
import {
  reopenThread,
  requireAmendment,
  requireNotApplied,
  requireOwnOpenAmendment,
  requireWithdrawable,
  resolveThread,
} from './threadDecisions.ts'
import { isUnread } from './unread.ts'

export type ThreadFilter = 'open' | 'resolved' | 'all'

export type { OutdatedLookup }

export interface ThreadServiceOptions {
  log: Logger
  anchorDelayMs: number
  /** Longest stretch of a re-anchoring pass before other work runs (see ThreadAnchoring). */
  anchorSliceMs?: number
  /** The schema of the text, for amendments that span passages (C6). */
  schema: Schema
  /** R6; without it no thread is ever outdated. */
  outdated?: OutdatedLookup
}

export class ThreadService {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #records: ThreadRecords
  /** Thread changes go out to a proposal's sockets one delivery after another, in order. */
  readonly #delivering = new LocalLocks()
  readonly anchoring: ThreadAnchoring
  readonly #views: ThreadViews
  readonly #schema: Schema

  constructor(storage: Storage, rooms: Rooms, options: ThreadServiceOptions) {
    this.#schema = options.schema
    this.#storage = storage
    this.#rooms = rooms
    this.#records = new ThreadRecords(storage, rooms)
    this.#views = new ThreadViews(storage, options.log, options.outdated)
    rooms.on('threads', (room, { ids, removed, from }) => {
      const gone = (removed as string[] | undefined) ?? []
      this.#delivering
        .withLock(room.id, () =>
          this.#deliver(room, ids as string[], gone, from !== rooms.instanceId),
        )
        .catch((error) =>
          options.log.error('sending thread changes failed', {
            proposal: room.id,
            error: String(error),
          }),
        )
    })
    this.anchoring = new ThreadAnchoring({
      delayMs: options.anchorDelayMs,
      sliceMs: options.anchorSliceMs,
      log: options.log,
      threadsOf: async (id) => [...(await this.#records.of(id)).values()],
      onMoved: (id, moved) => this.#moved(id, moved),
    })
  }

  /**
   * Stores the anchors a pass found, each only if the thread still reads as
   * the pass saw it: a thread revised or decided meanwhile (here or through
   * another instance) was anchored by that change, on the text as it is then.
   */
  async #moved(proposalId: string, moved: MovedThread[]): Promise<void> {
    const changed: ThreadRecord[] = []
    for (const { seen, anchor } of moved) {
      let moves = false
      const thread = await this.#records
        .change(proposalId, seen.id, (current) => {
          moves =
            current.quote === seen.quote &&
            current.status === seen.status &&
            JSON.stringify(current.anchor) === JSON.stringify(seen.anchor)
          if (moves) current.anchor = anchor
        })
        .catch((error: unknown) => {
          // Withdrawn meanwhile: nothing to anchor.
          if (error instanceof AppError && error.code === 'not_found') return null
          throw error
        })
      if (thread && moves) changed.push(thread)
    }
    await this.#announce(proposalId, changed)
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
    this.#records.forget(proposalId)
  }

  /** Called after every accepted change of a proposal's text. */
  textChanged(proposalId: string): void {
    const room = this.#rooms.peek(proposalId)
    if (room && this.#records.isKept(proposalId)) this.anchoring.schedule(room)
  }

  /**
   * Changes a stored thread in place (`apply` checks and changes the freshest
   * record, and may refuse by throwing), notes when, and announces it.
   */
  async #change(
    proposalId: string,
    threadId: string,
    apply: (thread: ThreadRecord) => void,
  ): Promise<ThreadRecord> {
    const thread = await this.#records.change(proposalId, threadId, (current) => {
      apply(current)
      current.updatedAt = now()
    })
    await this.#announce(proposalId, [thread])
    return thread
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
    const threads = await this.#records.refreshed(room.id, ids, removed, fromElsewhere)
    await this.#views.sendTo(room, threads, removed)
  }

  async list(viewer: Principal, proposal: ProposalRecord, filter: ThreadFilter) {
    const threads = await this.#records.of(proposal.id)
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
    const thread = await this.#records.get(proposal.id, threadId)
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
    await this.#records.add(thread)
    await this.#announce(proposal.id, [thread])
    return thread
  }

  /**
   * The author revises an open amendment: its replacement (after 409
   * quote_changed, or typing on in a suggestion), and with `quote` and `anchor`
   * the text it replaces (a suggestion that grew).
   */
  revise(
    actor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    return this.#withRoom(proposal.id, (room) =>
      this.#change(proposal.id, threadId, (thread) => {
        requireOwnOpenAmendment(thread, actor)
        const { quote, replacement } = revisedFields(thread, input)
        if (quote !== thread.quote || input.anchor !== undefined) {
          Object.assign(thread, placedFields(placeThread(room, quote, input.anchor)), { quote })
        }
        thread.replacement = replacement
      }),
    )
  }

  /**
   * The author takes back an open amendment nobody else has spoken on (a
   * suggestion typed and then removed again): it is gone for everyone. A reply
   * that came in meanwhile, through any instance, keeps it.
   */
  async withdraw(actor: Principal, proposal: ProposalRecord, threadId: string) {
    requireWithdrawable(await this.#records.get(proposal.id, threadId), actor)
    await this.#records.remove(proposal.id, threadId, (thread) =>
      requireWithdrawable(thread, actor),
    )
    await this.#announce(proposal.id, [], [threadId])
  }

  reply(
    author: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    // Checked inside the change: an unknown thread is 404 before a bad body is 422.
    return this.#change(proposal.id, threadId, (thread) => {
      thread.comments.push(newComment(author.person.id, bodyField(input.body)))
    })
  }

  /** The author edits a comment's body; an editor hides or shows it (C4). */
  changeComment(
    actor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    commentId: string,
    input: Record<string, unknown>,
  ) {
    return this.#change(proposal.id, threadId, (thread) =>
      changeComment(thread, actor, commentId, input),
    )
  }

  deleteComment(actor: Principal, proposal: ProposalRecord, threadId: string, commentId: string) {
    return this.#change(proposal.id, threadId, (thread) => deleteComment(thread, actor, commentId))
  }

  resolve(
    editor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    return this.#change(proposal.id, threadId, (thread) =>
      resolveThread(
        thread,
        editor.person.id,
        decisionField(input.decision),
        optionalNote(input.note),
      ),
    )
  }

  reopen(_editor: Principal, proposal: ProposalRecord, threadId: string) {
    return this.#change(proposal.id, threadId, reopenThread)
  }

  reject(
    editor: Principal,
    proposal: ProposalRecord,
    threadId: string,
    input: Record<string, unknown>,
  ) {
    return this.#change(proposal.id, threadId, (thread) => {
      requireAmendment(thread)
      resolveThread(thread, editor.person.id, 'niet-verwerkt', optionalNote(input.note))
    })
  }

  /**
   * Applies an amendment as one minimal change (C6), credited to its proposer;
   * the thread records which editor accepted it. The text is written inside
   * the thread's change, on the freshest record: an editor accepting it at the
   * same moment through another instance waits, then finds it applied (409),
   * so the text never takes it twice.
   */
  async accept(editor: Principal, proposal: ProposalRecord, threadId: string) {
    if (isFrozen(proposal.status)) throw textFrozen()
    return this.#withRoom(proposal.id, async (room) => {
      await this.anchoring.run(room)
      const thread = await this.#change(proposal.id, threadId, (current) => {
        requireNotApplied(current)
        // The text as it is now: remote edits may have come in since the pass.
        const linear = new LinearText(room.fragment)
        const applied = applyAmendment(room, linear, this.#schema, current, editor.person.id)
        current.anchor = applied.anchor
        current.acceptance = applied.acceptance
        current.applied = true
        resolveThread(current, editor.person.id, 'verwerkt', current.note)
      })
      await room.flushed()
      return thread
    })
  }

  /** Stores and announces suggestions made from a .docx's tracked changes (W2). */
  async addImported(proposalId: string, threads: ThreadRecord[]): Promise<void> {
    if (threads.length === 0) return
    for (const thread of threads) await this.#records.add(thread)
    await this.#announce(proposalId, threads)
  }

  async openCount(proposalId: string): Promise<number> {
    let count = 0
    for (const thread of (await this.#records.of(proposalId)).values())
      if (thread.status === 'open') count++
    return count
  }

  /** Threads with news for the viewer since their last visit ("Nieuw voor u"). */
  async unreadCount(viewer: Principal, proposalId: string): Promise<number> {
    const lastVisit = await this.#storage.visits.get(viewer.person.id, proposalId)
    let count = 0
    for (const thread of (await this.#records.of(proposalId)).values())
      if (isUnread(thread, viewer, lastVisit)) count++
    return count
  }

  markSeen(viewer: Principal, proposalId: string): Promise<void> {
    return this.#storage.visits.put(viewer.person.id, proposalId, now())
  }
}
