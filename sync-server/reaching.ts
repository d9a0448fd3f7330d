/**
 * Reaching people (M1–M4), built once for `createServer`: the mail queue and
 * its transport, invitations in bulk, sign-in links by mail, notifications
 * with their gathered mails and reminders, unsubscribe links and the texts of
 * the overview. Started once the server listens (links need its address),
 * closed before storage.
 */
import { RateLimiter, type RequestLimiter } from './api/RateLimiter.ts'
import type { Locks } from './cluster/Locks.ts'
import type { Logger } from './log.ts'
import { MailQueue } from './mail/MailQueue.ts'
import { createTransport } from './mail/transport.ts'
import { Digest } from './notifications/Digest.ts'
import { Notifier } from './notifications/Notifier.ts'
import { UnsubscribeTokens } from './notifications/unsubscribeToken.ts'
import { DEFAULTS, type ServerOptions } from './options.ts'
import { OverviewService } from './overview/OverviewService.ts'
import { BulkInvites } from './people/bulk/BulkInvites.ts'
import { SignInLinks } from './people/SignInLinks.ts'
import type { Storage } from './persistence/Storage.ts'
import type { RoundService } from './rounds/RoundService.ts'

export interface ReachingParts {
  storage: Storage
  rounds: RoundService
  locks: Locks
  log: Logger
  dataDir: string
  /** This instance, for the claims on mails. */
  owner: string
  /** A limiter shared by every instance, in a cluster. */
  sharedLimiter?: (rate: { burst: number; perSecond: number }) => RequestLimiter
}

export async function createReaching(options: ServerOptions, parts: ReachingParts) {
  const { storage, log } = parts
  const clock = options.clock ?? Date.now
  let baseUrl = options.publicUrl ?? ''
  const unsubscribe = await UnsubscribeTokens.open(storage)
  const mail = new MailQueue({
    storage,
    transport: createTransport(options.mail ?? {}, parts.dataDir),
    log: log.child('mail'),
    clock,
    pollMs: options.mailPollMs ?? DEFAULTS.mailPollMs,
    retryMs: options.mailRetryMs ?? DEFAULTS.mailRetryMs,
    owner: parts.owner,
    write: {
      get baseUrl() {
        return baseUrl
      },
      unsubscribeToken: (personId) => unsubscribe.tokenFor(personId),
    },
  })
  const limits = options.signInLinkLimits ?? DEFAULTS.signInLinkLimits
  const limiter = parts.sharedLimiter ?? ((rate) => new RateLimiter(rate))
  const notifier = new Notifier(storage, clock, log.child('notifications'))
  const digest = new Digest({
    storage,
    mail,
    notifier,
    rounds: parts.rounds,
    locks: parts.locks,
    log: log.child('notifications'),
    clock,
    intervalMs: options.notificationIntervalMs ?? DEFAULTS.notificationIntervalMs,
    tickMs: options.notificationTickMs ?? DEFAULTS.notificationTickMs,
  })
  return {
    services: {
      mail,
      bulkInvites: new BulkInvites(storage, mail),
      signInLinks: new SignInLinks(
        storage,
        mail,
        { perAddress: limiter(limits.perAddress), perNetwork: limiter(limits.perNetwork) },
        log.child('mail'),
      ),
      notifier,
      digest,
      unsubscribe,
      overview: new OverviewService(storage),
      clock,
    },
    /** Starts sending; `url` is where the server listens, used when no public address is set. */
    start(url: string) {
      // Mails never take their links from a request's Host header, which anyone can set.
      baseUrl = options.publicUrl ?? url
      mail.start()
      digest.start()
    },
    async close() {
      await digest.close()
      await mail.close()
    },
  }
}
