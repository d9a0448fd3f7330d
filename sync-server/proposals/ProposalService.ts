/**
 * Proposals (contract H2–H4, P4): listing what a token may see, creating with an
 * id from the title, renaming, changing status, and reading the text.
 * The time of the last text change is kept in memory and written at most every
 * `touchFlushMs`, so typing never rewrites the proposals file per keystroke.
 */
import type { Schema } from '@tiptap/pm/model'
import { compareDutch } from '../../shared/collation.ts'
import { Limits } from '../../shared/protocol.ts'
import { isStatus, STATUSES, type Status } from '../../shared/roles.ts'
import type { ActivityLog } from '../activity/ActivityLog.ts'
import { canSee, type Principal, publicPerson } from '../auth/Principal.ts'
import { documentContent } from '../documents/content.ts'
import { AppError, invalidField } from '../errors.ts'
import type { ProposalRecord, Storage } from '../persistence/Storage.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { lookupPeople, type PersonLookup } from '../versions/people.ts'
import { slugify, uniqueId } from './slug.ts'

/** The seven proposals of the discussion note, created on first start (P4). */
export const INITIAL_PROPOSALS = Array.from({ length: 7 }, (_, i) => ({
  id: `voorstel-${i + 1}`,
  title: `Voorstel ${i + 1}`,
}))

function titleField(value: unknown): string {
  if (typeof value !== 'string' || !value.trim() || value.trim().length > Limits.maxTitleChars) {
    throw invalidField('title', `Geef een titel van 1 tot ${Limits.maxTitleChars} tekens.`)
  }
  return value.trim()
}

/** What the overview shows of a proposal's threads. */
export interface ThreadCounts {
  openThreads(proposalId: string): Promise<number>
  newForYou(viewer: Principal, proposalId: string): Promise<number>
}

export class ProposalService {
  readonly #storage: Storage
  readonly #rooms: Rooms
  readonly #schema: Schema
  /** Proposal id → time of its last text change (ms), not yet written. */
  readonly #touched = new Map<string, number>()
  #flushTimer: NodeJS.Timeout | null = null
  #flushing: Promise<void> = Promise.resolve()
  readonly #touchFlushMs: number

  readonly #counts: ThreadCounts
  readonly #activity: ActivityLog

  constructor(
    storage: Storage,
    rooms: Rooms,
    schema: Schema,
    touchFlushMs: number,
    counts: ThreadCounts,
    activity: ActivityLog,
  ) {
    this.#counts = counts
    this.#activity = activity
    this.#storage = storage
    this.#rooms = rooms
    this.#schema = schema
    this.#touchFlushMs = touchFlushMs
  }

  /** Creates the seven proposals when there are none yet (P4). */
  async createInitial(): Promise<boolean> {
    if ((await this.#storage.proposals.list()).length > 0) return false
    const now = new Date().toISOString()
    for (const { id, title } of INITIAL_PROPOSALS) {
      // Instances starting together each try; the first one's record stays.
      await this.#storage.proposals.add({
        id,
        title,
        status: 'concept',
        statusChangedAt: null,
        statusChangedBy: null,
        createdAt: now,
        updatedAt: now,
      })
    }
    return true
  }

  /**
   * A proposal as the API shows it to `viewer` (H2), with its open threads and
   * news, and who last changed its status as a person (H4).
   * @param people a lookup read once for many proposals; read here when absent
   */
  async view(proposal: ProposalRecord, viewer: Principal, people?: PersonLookup) {
    const at = this.#touched.get(proposal.id)
    const touched = at === undefined ? undefined : new Date(at).toISOString()
    const updatedAt = touched && touched > proposal.updatedAt ? touched : proposal.updatedAt
    const [openThreads, newForYou, lookup] = await Promise.all([
      this.#counts.openThreads(proposal.id),
      this.#counts.newForYou(viewer, proposal.id),
      proposal.statusChangedBy && !people ? lookupPeople(this.#storage) : people,
    ])
    const statusChangedBy =
      proposal.statusChangedBy && lookup ? lookup(proposal.statusChangedBy) : null
    return { ...proposal, statusChangedBy, updatedAt, openThreads, newForYou }
  }

  async list(principal: Principal) {
    const proposals = await this.#storage.proposals.list()
    const visible = proposals
      .filter((proposal) => canSee(principal, proposal.id))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || compareDutch(a.id, b.id))
    const people = await lookupPeople(this.#storage)
    return Promise.all(visible.map((proposal) => this.view(proposal, principal, people)))
  }

  async create(principal: Principal, input: Record<string, unknown>): Promise<ProposalRecord> {
    const title = titleField(input.title)
    const taken = new Set((await this.#storage.proposals.list()).map((p) => p.id))
    const now = new Date().toISOString()
    let proposal: ProposalRecord
    do {
      proposal = {
        id: uniqueId(slugify(title), taken),
        title,
        status: 'concept',
        statusChangedAt: null,
        statusChangedBy: null,
        createdAt: now,
        updatedAt: now,
      }
      // An id taken meanwhile (the same title, through another instance) takes the next.
      taken.add(proposal.id)
    } while (!(await this.#storage.proposals.add(proposal)))
    const { person } = principal
    if (person.proposals !== '*' && !person.isAdmin) {
      // The creator keeps access to what they made. Only that field changes, on
      // the freshest record: a revocation or anonymising meanwhile holds (D4).
      await this.#storage.people.change(person.id, (stored) =>
        stored.proposals === '*' || stored.proposals.includes(proposal.id)
          ? stored
          : { ...stored, proposals: [...stored.proposals, proposal.id] },
      )
    }
    return proposal
  }

  /**
   * Renames and changes status (H2, H4); each change is noted in the
   * proposal's activity. Made in place on the freshest record (D4): what it
   * changed from is what was stored, whichever instance wrote it.
   */
  async update(principal: Principal, proposal: ProposalRecord, input: Record<string, unknown>) {
    const title = input.title === undefined ? undefined : titleField(input.title)
    if (input.status !== undefined && !isStatus(input.status))
      throw invalidField('status', `Kies een status: ${STATUSES.join(', ')}.`)
    const status = input.status as Status | undefined
    const at = new Date().toISOString()
    let before = proposal
    const next = await this.#storage.proposals.change(proposal.id, (current) => {
      before = current
      const changed = { ...current, updatedAt: later(at, current.updatedAt) }
      if (title !== undefined) changed.title = title
      if (status !== undefined && status !== current.status) {
        Object.assign(changed, {
          status,
          statusChangedAt: at,
          statusChangedBy: principal.person.id,
        })
      }
      return changed
    })
    if (!next) throw new AppError('not_found', 'Dit voorstel bestaat niet.')
    const who = principal.person.id
    if (next.status !== before.status) {
      this.#announceStatus(principal, next)
      await this.#activity.record('status.changed', who, proposal.id, {
        from: before.status,
        to: next.status,
      })
    }
    if (next.title !== before.title) {
      await this.#activity.record('title.changed', who, proposal.id, {
        from: before.title,
        to: next.title,
      })
    }
    return next
  }

  #announceStatus(principal: Principal, proposal: ProposalRecord): void {
    this.#rooms.setStatus(proposal.id, proposal.status as Status, {
      type: 'status',
      status: proposal.status,
      by: publicPerson(principal.person),
      at: proposal.statusChangedAt,
    })
  }

  async content(proposal: ProposalRecord) {
    const room = await this.#rooms.get(proposal.id)
    try {
      return { ...documentContent(room.fragment, this.#schema) }
    } finally {
      this.#rooms.releaseIdle(room)
    }
  }

  /** The current text as an encoded Yjs state, for work a worker thread does (a DOCX export). */
  async state(proposal: ProposalRecord): Promise<Uint8Array> {
    const room = await this.#rooms.get(proposal.id)
    try {
      return room.encodedState()
    } finally {
      this.#rooms.releaseIdle(room)
    }
  }

  /** Notes a change of the text; written to storage within `touchFlushMs`. */
  touch(proposalId: string): void {
    // On every keystroke: a number now, a date string only when written.
    this.#touched.set(proposalId, Date.now())
    if (this.#flushTimer) return
    this.#flushTimer = setTimeout(() => {
      // Only the time of the last change is at stake; the next change tries again.
      this.flushTouched().catch(() => {})
    }, this.#touchFlushMs)
    this.#flushTimer.unref()
  }

  /**
   * Writes the noted change times. Flushes run one after another, so one that
   * shutdown asks for also waits for one a timer started (nothing is written
   * after the storage has closed).
   */
  flushTouched(): Promise<void> {
    if (this.#flushTimer) clearTimeout(this.#flushTimer)
    this.#flushTimer = null
    const run = this.#flushing.then(() => this.#writeTouched())
    this.#flushing = run.catch(() => {})
    return run
  }

  /**
   * Only raises `updatedAt`, in place (D4): a status or title changed meanwhile
   * through another instance stays, and a later time written there is kept.
   */
  async #writeTouched(): Promise<void> {
    const touched = [...this.#touched]
    this.#touched.clear()
    for (const [id, ms] of touched) {
      const at = new Date(ms).toISOString()
      // Most flushes find the time already written: no write then.
      const stored = await this.#storage.proposals.get(id)
      if (!stored || at <= stored.updatedAt) continue
      await this.#storage.proposals.change(id, (proposal) =>
        at > proposal.updatedAt ? { ...proposal, updatedAt: at } : proposal,
      )
    }
  }
}

/** The later of two ISO times. */
const later = (a: string, b: string) => (a > b ? a : b)
