/**
 * Who hears of what (M4): a reply reaches everyone who started or replied to
 * the thread; a decision reaches whoever opened the thread or amendment; a new
 * round reaches everyone who may see the proposal. Never the person who acted,
 * and only people who can still sign in and see the proposal. Notifications
 * land in each person's "Meldingen"; mails follow from `Digest`.
 * Ids are made from what happened, so recording the same event twice adds nothing.
 */
import { canSee } from '../auth/Principal.ts'
import type { Logger } from '../log.ts'
import { isActive } from '../people/email.ts'
import type {
  NotificationKind,
  NotificationRecord,
  PersonRecord,
  ProposalRecord,
  Storage,
  ThreadRecord,
} from '../persistence/Storage.ts'

export class Notifier {
  readonly #storage: Storage
  readonly #clock: () => number
  readonly #log: Logger

  constructor(storage: Storage, clock: () => number, log: Logger) {
    this.#storage = storage
    this.#clock = clock
    this.#log = log
  }

  /** Runs a fan-out after the request has its answer; a failure is logged, never thrown. */
  later(work: () => Promise<unknown>): void {
    setImmediate(() => {
      work().catch((error) => this.#log.error('notifying failed', { error: String(error) }))
    })
  }

  async replied(proposal: ProposalRecord, thread: ThreadRecord, actorId: string) {
    const reply = thread.comments.at(-1)
    if (!reply) return
    const participants = new Set([
      thread.createdBy,
      ...thread.comments.filter((c) => !c.deleted).map((c) => c.authorId),
    ])
    const by = (await this.#storage.people.get(actorId))?.name ?? 'Iemand'
    await this.#notify(proposal, participants, actorId, 'reply', `reply-${reply.id}`, {
      threadId: thread.id,
      quote: thread.quote,
      by,
    })
  }

  async decided(proposal: ProposalRecord, thread: ThreadRecord, actorId: string) {
    const at = Date.parse(thread.resolvedAt ?? '') || this.#clock()
    await this.#notify(
      proposal,
      [thread.createdBy],
      actorId,
      'decision',
      `decision-${thread.id}-${at.toString(36)}`,
      {
        threadId: thread.id,
        quote: thread.quote,
        threadKind: thread.kind,
        decision: thread.decision,
      },
    )
  }

  async roundOpened(
    proposal: ProposalRecord,
    round: { id: string; title: string; closesAt: string },
    actorId: string,
  ) {
    const people = await this.#storage.people.list()
    const everyone = people.filter((p) => canSee({ person: p }, proposal.id)).map((p) => p.id)
    await this.#notify(proposal, everyone, actorId, 'round', `round-${round.id}`, {
      roundId: round.id,
      roundTitle: round.title,
      closesAt: round.closesAt,
    })
  }

  /** Adds one notification per recipient (see the class comment for who). */
  async #notify(
    proposal: ProposalRecord,
    recipients: Iterable<string>,
    actorId: string,
    kind: NotificationKind,
    key: string,
    data: Record<string, unknown>,
  ) {
    const people = new Map((await this.#storage.people.list()).map((p) => [p.id, p]))
    const records = [...new Set(recipients)]
      .filter((id) => id !== actorId)
      .map((id) => people.get(id))
      .filter((p): p is PersonRecord => !!p && isActive(p) && canSee({ person: p }, proposal.id))
      .map((person) => this.record(person.id, kind, proposal, `${key}-${person.id}`, data))
    await this.#storage.notifications.add(records)
  }

  record(
    personId: string,
    kind: NotificationKind,
    proposal: ProposalRecord,
    key: string,
    data: Record<string, unknown>,
  ): NotificationRecord {
    return {
      id: `n-${key}`,
      personId,
      kind,
      proposalId: proposal.id,
      data: { ...data, proposalTitle: proposal.title },
      createdAt: new Date(this.#clock()).toISOString(),
      readAt: null,
      mailedAt: null,
    }
  }
}
