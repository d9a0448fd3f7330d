/**
 * Everything `createServer` can be told. Every interval is an option, so tests
 * run in seconds; the defaults are what production uses.
 */
import type { RateLimit } from './api/RateLimiter.ts'
import type { Bus } from './cluster/Bus.ts'
import type { ClusterBinding } from './cluster/startCluster.ts'
import type { Logger } from './log.ts'
import type { MailSettings } from './mail/transport.ts'
import type { Storage } from './persistence/Storage.ts'
import type { TaskRunner } from './workers/WorkerPool.ts'

export interface ServerOptions {
  /** @default 1234; 0 picks a free port */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Folder of the embedded storage. @default './data' */
  dataDir?: string
  /** A token that is an editor on every proposal (A1). */
  adminToken?: string
  /** The built editor. @default `dist/editor` in the repository; null serves none */
  staticDir?: string | null
  /** Address in invitation links. @default `http://<Host header>` */
  publicUrl?: string
  /** A storage other than the embedded one (PostgreSQL, tests). */
  storage?: Storage
  /** Messages between instances. @default one instance alone */
  bus?: Bus
  /** Running as one instance of a cluster (`startCluster`): its storage, bus and hooks. */
  cluster?: ClusterBinding
  log?: Logger
  /** Keepalive and ping interval of sockets (S6). @default 15000 */
  heartbeatMs?: number
  /** A proposal without sockets leaves memory after this. @default 30000 */
  idleUnloadMs?: number
  /**
   * A proposal opened from a lone snapshot answers its first socket from the
   * stored bytes and builds its document right after that answer, or after
   * this long when nobody asks anything. @default 1000
   */
  coldBuildDelayMs?: number
  /** Compact a proposal's log once it passes this size. @default 1 MiB */
  compactAfterBytes?: number
  /** Delay before appended updates are fsynced (P5: under 100). @default 50 */
  fsyncDelayMs?: number
  /** Quiet time after a change of the text before threads are re-anchored. @default 150 */
  anchorDelayMs?: number
  /** Longest stretch a re-anchoring pass runs before it lets other work run. @default 4 */
  anchorSliceMs?: number
  /** How often the time of the last text change is written. @default 5000 */
  touchFlushMs?: number
  /** Requests per token (H5). @default burst 300, 50 per second */
  rateLimit?: RateLimit
  /** Unsent bytes after which a socket that does not read is closed. @default 16 MiB */
  maxBufferedBytes?: number
  /**
   * Time one turn of the event loop spends on the sync sockets' messages; after it,
   * messages wait for the next turns, so one socket's flood cannot hold the others.
   * @default 10
   */
  messageBudgetMs?: number
  /** Carets of a proposal are forwarded together this often. @default 25 */
  awarenessFlushMs?: number
  /** A proposal's document may not grow past this. @default 10 MiB */
  maxDocumentBytes?: number
  /** Sync sockets one person may have open. @default 40 */
  maxSocketsPerPerson?: number
  /** Sync sockets one network address may have open (offices share one). @default 1000 */
  maxSocketsPerAddress?: number
  /** Quiet time after a change of the text before an automatic version is saved. @default 10 minutes */
  autoVersionAfterMs?: number
  /** Worker threads that write and read DOCX files, started on first use and kept. @default 2 */
  workerThreads?: number
  /** DOCX jobs that may wait for a worker thread; more answer 503 `server_busy`. @default 100 */
  maxQueuedJobs?: number
  /** Heap of one worker thread in MiB; a job that needs more fails alone. @default 1024 */
  workerHeapMb?: number
  /** A .docx whose parts unpack to more than this is refused (422) before it is read. @default 8 MiB */
  maxImportUnpackedBytes?: number
  /**
   * While downloads of one reactienota keep coming, the wait after one build of it
   * before the next starts (each request still gets a build that started after it).
   * @default 150
   */
  memorandumGapMs?: number
  /** Runs the DOCX work instead of a pool of `workerThreads` (tests). */
  workers?: TaskRunner
  /** SMTP (M2: `SMTP_URL`, `MAIL_FROM`); without both, mail is written to `DATA_DIR/outbox/`. */
  mail?: MailSettings
  /** The time now in ms, for notifications, reminders and mail retries; tests move it. @default Date.now */
  clock?: () => number
  /** How often the mail queue is looked at (another instance may have queued). @default 2000 */
  mailPollMs?: number
  /** Wait before a failed mail is tried again; it doubles each time. @default 60000 */
  mailRetryMs?: number
  /** At most one notification mail per person this often (M4). @default 15 minutes */
  notificationIntervalMs?: number
  /** How often notifications are gathered into mails and reminders looked for. @default 30000 */
  notificationTickMs?: number
  /** Requests for a new sign-in link (M3). @default 5 per address and 30 per network per hour */
  signInLinkLimits?: { perAddress: RateLimit; perNetwork: RateLimit }
}

export const DEFAULTS = {
  port: 1234,
  host: '127.0.0.1',
  dataDir: './data',
  heartbeatMs: 15_000,
  idleUnloadMs: 30_000,
  coldBuildDelayMs: 1_000,
  compactAfterBytes: 1024 * 1024,
  fsyncDelayMs: 50,
  touchFlushMs: 5_000,
  anchorDelayMs: 150,
  anchorSliceMs: 4,
  rateLimit: { burst: 300, perSecond: 50 },
  maxBufferedBytes: 16 * 1024 * 1024,
  maxDocumentBytes: 10 * 1024 * 1024,
  awarenessFlushMs: 25,
  messageBudgetMs: 10,
  maxSocketsPerPerson: 40,
  maxSocketsPerAddress: 1000,
  autoVersionAfterMs: 10 * 60 * 1000,
  workerThreads: 2,
  maxQueuedJobs: 100,
  workerHeapMb: 1024,
  maxImportUnpackedBytes: 8 * 1024 * 1024,
  memorandumGapMs: 150,
  mailPollMs: 2_000,
  mailRetryMs: 60_000,
  notificationIntervalMs: 15 * 60 * 1000,
  notificationTickMs: 30_000,
  signInLinkLimits: {
    perAddress: { burst: 5, perSecond: 5 / 3600 },
    perNetwork: { burst: 30, perSecond: 30 / 3600 },
  },
} as const
