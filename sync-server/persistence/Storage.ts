/**
 * The storage interface. The embedded default (`lowdb/`) and every later
 * implementation pass the same contract suite (`storageContract.ts`).
 *
 * Yjs state never goes through a whole-file JSON rewrite: documents are an
 * append-only update log plus a compacted state, per proposal.
 */
import type { Province, Role, Status } from '../../shared/roles.ts'
import type {
  MailStore,
  NotificationStore,
  PersonChanges,
  SettingStore,
  SignInTokenStore,
} from './reachingStores.ts'

export type * from './reachingStores.ts'

/** A person who may sign in. The token itself is never stored, only its hash. */
export interface PersonRecord {
  id: string
  name: string
  role: Role
  /** `'*'` for every proposal, or a list of proposal ids. */
  proposals: '*' | string[]
  organisation: string | null
  province: Province | null
  /** Caret colour others see, chosen by the server. */
  color: string
  tokenHash: string
  /** True for the administrator created at first start (P3). */
  isAdmin: boolean
  createdAt: string
  createdBy: string | null
  revokedAt: string | null
  /** Set when the person was anonymised (privacy): the name is gone for good. */
  anonymisedAt?: string | null
  /** Where invitations, links and notifications go (M1–M4); lowercase. */
  email?: string | null
}

export interface ProposalRecord {
  id: string
  title: string
  status: Status
  statusChangedAt: string | null
  statusChangedBy: string | null
  createdAt: string
  /** Last change of the text or the metadata. */
  updatedAt: string
}

/** One accepted update and the person who sent it (the authorship record). */
export interface LogRecord {
  personId: string
  update: Uint8Array
}

/** A compacted document: Yjs state plus the encoded authorship record. */
export interface DocumentSnapshot {
  state: Uint8Array
  authorship: Uint8Array
  /**
   * The state's state vector, stored beside it: a proposal opened cold greets its
   * sockets with it without decoding the whole state (tens of ms for a long text in a
   * fresh process). Absent in snapshots written before it was kept.
   */
  stateVector?: Uint8Array | undefined
}

/** What `load` returns: the latest snapshot (if any) and the log written after it. */
export interface StoredDocument {
  snapshot: DocumentSnapshot | null
  log: LogRecord[]
  /** Bytes read from storage, for metrics. */
  bytes: number
}

/** A Yjs relative position as `Y.relativePositionToJSON` gives it. */
export type RelativePositionJson = Record<string, unknown>

/** Where a thread sits in the text (contract C3). */
export interface AnchorRecord {
  from: RelativePositionJson
  to: RelativePositionJson
  /** False once the anchored text is gone; the thread keeps its quote. */
  anchored: boolean
  /** Text just before and after the quote when it was anchored, to find it again. */
  prefix: string
  suffix: string
  /** True while the anchored text reads otherwise than the quote (someone changed it). */
  changed?: boolean
}

export interface CommentRecord {
  id: string
  authorId: string
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
  hidden: { by: string; at: string; reason: string } | null
}

export type ThreadDecision = 'verwerkt' | 'deels-verwerkt' | 'niet-verwerkt'

export interface ThreadRecord {
  id: string
  proposalId: string
  kind: 'comment' | 'amendment'
  status: 'open' | 'resolved'
  quote: string
  anchor: AnchorRecord
  /** The passage the thread opened on. */
  blockId: string | null
  /** The version current when it was opened, and its passage's text then (R6). */
  versionId: string | null
  passageText: string | null
  replacement: string | null
  decision: ThreadDecision | null
  note: string | null
  resolvedBy: string | null
  resolvedAt: string | null
  /** For amendments: whether the replacement was applied to the text. */
  applied: boolean
  /** For an applied amendment: who accepted it, and which items that change wrote and deleted. */
  acceptance?: AcceptanceRecord
  createdBy: string
  createdAt: string
  updatedAt: string
  comments: CommentRecord[]
}

/**
 * What accepting an amendment changed (C6): the text is credited to the
 * proposer, written under a Yjs client id of its own; this record says who
 * accepted it, so a comparison can say "voorgesteld door X, overgenomen door Y".
 */
export interface AcceptanceRecord {
  by: string
  at: string
  /** The Yjs client id the accepted text was written with (none when only deleting). */
  client: number | null
  /** The items the change deleted: [client, clock, length]. */
  deleted: Array<[client: number, clock: number, length: number]>
}

/**
 * Changes a stored record in place (D4): called with the freshest stored
 * record, synchronously, while no other change of that record — through this
 * instance or another — can come in between; returns the record to store.
 * It may throw (a refusal: the thread was resolved meanwhile): then nothing is
 * written and the error reaches the caller. It must keep the record's id.
 */
export type RecordChange<T> = (current: T) => T

export interface ThreadStore {
  list(proposalId: string): Promise<ThreadRecord[]>
  /**
   * The same threads, to read and never change: where the records are kept in
   * memory, these are they, frozen, not copies (a large proposal's threads take
   * milliseconds of the event loop to copy).
   */
  listReadOnly(proposalId: string): Promise<ReadonlyArray<Readonly<ThreadRecord>>>
  get(proposalId: string, threadId: string): Promise<ThreadRecord | undefined>
  /** Creates a thread (or replaces one wholesale, when copying); durable when the promise resolves. */
  put(thread: ThreadRecord): Promise<void>
  /**
   * Changes a stored thread as one step (see {@link RecordChange}); resolves
   * with the record as stored, durable, or undefined for an unknown thread.
   */
  change(
    proposalId: string,
    threadId: string,
    apply: RecordChange<ThreadRecord>,
  ): Promise<ThreadRecord | undefined>
  /**
   * Removes a thread (a suggestion its author withdrew); durable when the
   * promise resolves. `check` sees the freshest record first, as in `change`:
   * when it throws, nothing is removed.
   */
  remove(
    proposalId: string,
    threadId: string,
    check?: (current: ThreadRecord) => void,
  ): Promise<void>
}

export interface VersionRecord {
  id: string
  proposalId: string
  name: string
  auto: boolean
  createdAt: string
  createdBy: string
}

/** A version's full state, readable without replaying history (V2). */
export interface VersionContent {
  state: Uint8Array
  /** The authorship record at that moment (encoded `Authorship`). */
  authorship: Uint8Array
}

export interface VersionStore {
  /** Newest first. */
  list(proposalId: string): Promise<VersionRecord[]>
  get(proposalId: string, versionId: string): Promise<VersionRecord | undefined>
  /** Stores the record and its content; durable when the promise resolves. */
  create(record: VersionRecord, content: VersionContent): Promise<void>
  content(proposalId: string, versionId: string): Promise<VersionContent | undefined>
  /** Removes an automatic version (pruning); named versions are never removed. */
  remove(proposalId: string, versionId: string): Promise<void>
}

export interface RoundRecord {
  id: string
  proposalId: string
  versionId: string
  title: string
  closesAt: string
  createdAt: string
  createdBy: string
}

export type PositionValue = 'akkoord' | 'akkoord-mits' | 'niet-akkoord' | 'onthouding'

/** One organisation's position on one passage; later ones count, earlier stay (R4). */
export interface PositionRecord {
  /** Absent on positions stored before positions had ids (see `positionId`). */
  id?: string
  roundId: string
  blockId: string
  organisation: string
  province: string | null
  position: PositionValue
  reason: string | null
  personId: string
  createdAt: string
}

/** The VNG's response to a passage of a round; the latest counts, '' takes it back. */
export interface ResponseRecord {
  roundId: string
  blockId: string
  text: string
  personId: string
  createdAt: string
}

export interface RoundStore {
  list(proposalId: string): Promise<RoundRecord[]>
  get(proposalId: string, roundId: string): Promise<RoundRecord | undefined>
  put(round: RoundRecord): Promise<void>
  /** Appends a position without rewriting earlier ones; durable when it resolves. */
  addPosition(proposalId: string, position: PositionRecord): Promise<void>
  /** Every position of a round, oldest first. */
  positions(proposalId: string, roundId: string): Promise<PositionRecord[]>
  /** Appends a response of the VNG, like a position; durable when it resolves. */
  addResponse(proposalId: string, response: ResponseRecord): Promise<void>
  /** Every response of a round, oldest first. */
  responses(proposalId: string, roundId: string): Promise<ResponseRecord[]>
}

export interface ActivityRecord {
  id: string
  /** null for what concerns no one proposal (invitations, revocations). */
  proposalId: string | null
  /** e.g. `version.saved`, `thread.resolved`, `status.changed`, `person.invited`. */
  type: string
  personId: string
  at: string
  details: Record<string, unknown>
}

export interface ActivityStore {
  append(record: ActivityRecord): Promise<void>
  /** Newest first, at most `limit`; `null` lists what concerns no one proposal. */
  list(proposalId: string | null, limit: number): Promise<ActivityRecord[]>
}

/** When a person last looked at a proposal's reactions ("Nieuw voor u"). */
export interface VisitStore {
  get(personId: string, proposalId: string): Promise<string | null>
  put(personId: string, proposalId: string, at: string): Promise<void>
}

export interface PeopleStore {
  list(): Promise<PersonRecord[]>
  get(id: string): Promise<PersonRecord | undefined>
  getByTokenHash(tokenHash: string): Promise<PersonRecord | undefined>
  /** Creates a person (or replaces one wholesale, when copying); durable when the promise resolves. */
  put(person: PersonRecord): Promise<void>
  /** Changes a stored person as one step (see {@link RecordChange}); undefined when unknown. */
  change(id: string, apply: RecordChange<PersonRecord>): Promise<PersonRecord | undefined>
  /**
   * Creates people and changes fields of others, all or nothing, in one write
   * (a list of 342 municipalities is one transaction, M1). The fields are
   * merged into the freshest record; a person revoked or anonymised since the
   * list was planned is left as they are (a list never gives back a name or
   * access that was taken away, see `unlessInactive`).
   */
  saveBatch(batch: {
    create: PersonRecord[]
    change: Array<{ id: string; changes: PersonChanges }>
  }): Promise<void>
}

export interface ProposalStore {
  list(): Promise<ProposalRecord[]>
  get(id: string): Promise<ProposalRecord | undefined>
  /** Creates a proposal (or replaces one wholesale, when copying); durable when the promise resolves. */
  put(proposal: ProposalRecord): Promise<void>
  /**
   * Creates a proposal unless one with its id is stored (made meanwhile through
   * another instance, D4): then nothing changes and it resolves false.
   */
  add(proposal: ProposalRecord): Promise<boolean>
  /** Changes a stored proposal as one step (see {@link RecordChange}); undefined when unknown. */
  change(id: string, apply: RecordChange<ProposalRecord>): Promise<ProposalRecord | undefined>
}

export interface DocumentStore {
  /** Reads a proposal's snapshot and log. An unknown proposal has neither. */
  load(proposalId: string): Promise<StoredDocument>
  /**
   * Appends one accepted update. When the promise resolves the record is written
   * (it survives kill -9) and it may be broadcast; it is made durable against
   * power loss (fsync) within 100 ms (contract P5). Records of one proposal are
   * written in call order.
   */
  append(proposalId: string, record: LogRecord): Promise<void>
  /**
   * Replaces the log written so far by `snapshot`, which must contain every
   * record appended before this call (callers encode the live document and call
   * this in the same tick). Appends made while it runs are kept after it.
   */
  compact(proposalId: string, snapshot: DocumentSnapshot): Promise<void>
  /** Bytes of log written since the last compaction, to decide when to compact. */
  logBytes(proposalId: string): number
  /**
   * The proposal left memory (compacted, no sockets): drop what the store keeps
   * about it in memory, once its pending work is done. Loading it again rebuilds it.
   */
  release(proposalId: string): void
  /**
   * Tells `listener` when writing a proposal failed after `append` had resolved
   * (an fsync): what was acknowledged may not be durable, so the proposal must
   * be read again from storage before it takes more edits. Stores whose appends
   * resolve only once durable need not call it.
   */
  onFailure?(listener: (proposalId: string, error: unknown) => void): void
}

export interface Storage {
  /** Reads and checks everything; throws `StorageError` naming the file (P6). */
  open(): Promise<void>
  /** Writes and fsyncs everything pending; the storage is unusable after. */
  close(): Promise<void>
  readonly people: PeopleStore
  readonly proposals: ProposalStore
  readonly documents: DocumentStore
  readonly threads: ThreadStore
  readonly versions: VersionStore
  readonly rounds: RoundStore
  readonly activity: ActivityStore
  readonly visits: VisitStore
  readonly mail: MailStore
  readonly notifications: NotificationStore
  readonly signInTokens: SignInTokenStore
  readonly settings: SettingStore
}
