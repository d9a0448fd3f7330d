/** What route handlers may use. Built once in `server.ts`. */
import type { Schema } from '@tiptap/pm/model'
import type { ActivityLog } from '../activity/ActivityLog.ts'
import type { Authenticator } from '../auth/Authenticator.ts'
import type { ThreadService } from '../comments/ThreadService.ts'
import type { Logger } from '../log.ts'
import type { MailQueue } from '../mail/MailQueue.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Digest } from '../notifications/Digest.ts'
import type { Notifier } from '../notifications/Notifier.ts'
import type { UnsubscribeTokens } from '../notifications/unsubscribeToken.ts'
import type { OverviewService } from '../overview/OverviewService.ts'
import type { BulkInvites } from '../people/bulk/BulkInvites.ts'
import type { PeopleService } from '../people/PeopleService.ts'
import type { SignInLinks } from '../people/SignInLinks.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { ProposalService } from '../proposals/ProposalService.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import type { PositionService } from '../rounds/PositionService.ts'
import type { ResponseService } from '../rounds/ResponseService.ts'
import type { RoundReports } from '../rounds/RoundReports.ts'
import type { RoundService } from '../rounds/RoundService.ts'
import type { VersionService } from '../versions/VersionService.ts'
import type { TaskRunner } from '../workers/WorkerPool.ts'
import type { RequestLimiter } from './RateLimiter.ts'

export interface Services {
  storage: Storage
  authenticator: Authenticator
  rateLimiter: RequestLimiter
  rooms: Rooms
  log: Logger
  people: PeopleService
  proposals: ProposalService
  threads: ThreadService
  activity: ActivityLog
  versions: VersionService
  rounds: RoundService
  positions: PositionService
  responses: ResponseService
  roundReports: RoundReports
  metrics: Metrics
  /** The ProseMirror schema of the text (S2), for reading and writing documents. */
  schema: Schema
  /** The worker threads for DOCX writing and reading (a bounded pool). */
  workers: TaskRunner
  /** A .docx whose parts unpack to more than this many bytes is refused before it is read. */
  maxImportUnpackedBytes: number
  /** Open sync sockets right now. */
  connections: () => number
  /** The address people open, e.g. `http://127.0.0.1:1234`, for invitation links. */
  publicUrl: (headers: { host?: string | undefined }) => string
  /** Reaching people (M1–M4). */
  mail: MailQueue
  bulkInvites: BulkInvites
  signInLinks: SignInLinks
  notifier: Notifier
  digest: Digest
  unsubscribe: UnsubscribeTokens
  overview: OverviewService
  /** The time now in ms (tests move it). */
  clock: () => number
}
