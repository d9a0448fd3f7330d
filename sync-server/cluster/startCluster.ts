/**
 * Running as one of several instances (contract D1 with `REDIS_URL`): the Redis
 * connections, the bus, the stream-backed document store and the follower, and
 * the hooks that tie them to this instance's rooms. Storage is PostgreSQL for
 * everything but the update log, which is the proposals' Redis streams.
 */
import { Redis } from 'ioredis'
import type { RateLimit } from '../api/RateLimiter.ts'
import { StorageError } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { PgStorage } from '../persistence/postgres/PgStorage.ts'
import type { Storage } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { type Locks, RedisLocks } from './Locks.ts'
import { RedisBus } from './RedisBus.ts'
import { RedisRateLimiter } from './RedisRateLimiter.ts'
import { RedisSocketCounts } from './RedisSocketCounts.ts'
import { StreamDocumentStore } from './StreamDocumentStore.ts'
import { StreamFollower } from './StreamFollower.ts'

/** What `createServer` needs from the cluster. */
export interface ClusterBinding {
  bus: RedisBus
  storage: Storage
  /** Called once with the instance's rooms. */
  attach(rooms: Rooms): void
  roomLoaded(room: Room): void
  roomUnloaded(proposalId: string): void
  /** Work done one at a time per key across every instance (opening a round). */
  locks: Locks
  /** Request and socket limits that hold across every instance. */
  limits(
    rate: RateLimit,
    maxSocketsPerPerson: number,
    maxSocketsPerAddress: number,
  ): {
    rateLimiter: RedisRateLimiter
    socketCounts: RedisSocketCounts
  }
  /** A limit counted in Redis, held across every instance (sign-in link requests). */
  limiter(rate: RateLimit): RedisRateLimiter
  close(): Promise<void>
}

export interface ClusterOptions {
  redisUrl: string
  postgres: PgStorage
  log: Logger
  /** A compaction lease lasts this long if its holder dies. @default 10000 */
  leaseMs?: number
}

/** @throws StorageError when Redis keeps nothing across a crash (appendonly is off) */
export async function startCluster(options: ClusterOptions): Promise<ClusterBinding> {
  const log = options.log.child('cluster')
  const connect = () => new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 })
  const commands = connect()
  const subscriber = connect()
  const reader = connect()
  await Promise.all([commands.connect(), subscriber.connect(), reader.connect()])
  const appendonly = (await commands.config('GET', 'appendonly')) as string[]
  if (appendonly[1] !== 'yes') {
    for (const connection of [commands, subscriber, reader]) connection.disconnect()
    throw new StorageError(
      'Redis',
      'it runs without appendonly, so an accepted edit could be lost in a crash (start it with --appendonly yes)',
    )
  }
  const bus = new RedisBus(commands, subscriber, log)
  let rooms: Rooms | null = null
  let socketCounts: RedisSocketCounts | null = null
  const follower = new StreamFollower({
    reader,
    commands,
    instanceId: bus.instanceId,
    log,
    onEntry: (proposalId, entry) =>
      rooms?.peek(proposalId)?.applyRemote(entry.personId, entry.update),
  })
  const documents = new StreamDocumentStore({
    redis: commands,
    pool: options.postgres.pool,
    fallback: options.postgres.documents,
    instanceId: bus.instanceId,
    log,
    leaseMs: options.leaseMs ?? 10_000,
    appliedUpTo: (proposalId) => follower.positionOf(proposalId),
  })
  const { postgres } = options
  const storage: Storage = {
    open: () => postgres.open(),
    close: () => postgres.close(),
    documents,
    people: postgres.people,
    proposals: postgres.proposals,
    threads: postgres.threads,
    versions: postgres.versions,
    rounds: postgres.rounds,
    activity: postgres.activity,
    visits: postgres.visits,
    mail: postgres.mail,
    notifications: postgres.notifications,
    signInTokens: postgres.signInTokens,
    settings: postgres.settings,
  }
  log.info('joined the cluster', { instance: bus.instanceId })
  return {
    bus,
    storage,
    locks: new RedisLocks(commands),
    attach: (attached) => {
      rooms = attached
    },
    roomLoaded: (room) => follower.follow(room.id, documents.loadedUpTo(room.id)),
    roomUnloaded: (proposalId) => follower.unfollow(proposalId),
    limits: (rate, maxSocketsPerPerson, maxSocketsPerAddress) => {
      socketCounts = new RedisSocketCounts(
        commands,
        bus.instanceId,
        maxSocketsPerPerson,
        maxSocketsPerAddress,
      )
      return { rateLimiter: new RedisRateLimiter(commands, rate), socketCounts }
    },
    limiter: (rate) => new RedisRateLimiter(commands, rate),
    close: async () => {
      socketCounts?.close()
      await follower.close()
      await bus.close()
      commands.disconnect()
      subscriber.disconnect()
    },
  }
}
