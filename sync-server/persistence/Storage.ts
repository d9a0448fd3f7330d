/**
 * The storage interface. The embedded default (`lowdb/`) and every later
 * implementation pass the same contract suite (`storageContract.ts`).
 *
 * Yjs state never goes through a whole-file JSON rewrite: documents are an
 * append-only update log plus a compacted state, per proposal.
 */
import type { Province, Role, Status } from '../../shared/roles.ts'

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
}

/** What `load` returns: the latest snapshot (if any) and the log written after it. */
export interface StoredDocument {
  snapshot: DocumentSnapshot | null
  log: LogRecord[]
  /** Bytes read from storage, for metrics. */
  bytes: number
}

export interface PeopleStore {
  list(): Promise<PersonRecord[]>
  get(id: string): Promise<PersonRecord | undefined>
  getByTokenHash(tokenHash: string): Promise<PersonRecord | undefined>
  /** Creates or replaces a person; durable when the promise resolves. */
  put(person: PersonRecord): Promise<void>
}

export interface ProposalStore {
  list(): Promise<ProposalRecord[]>
  get(id: string): Promise<ProposalRecord | undefined>
  /** Creates or replaces a proposal; durable when the promise resolves. */
  put(proposal: ProposalRecord): Promise<void>
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
}

export interface Storage {
  /** Reads and checks everything; throws `StorageError` naming the file (P6). */
  open(): Promise<void>
  /** Writes and fsyncs everything pending; the storage is unusable after. */
  close(): Promise<void>
  readonly people: PeopleStore
  readonly proposals: ProposalStore
  readonly documents: DocumentStore
}
