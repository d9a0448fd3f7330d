/**
 * `createServer` builds the whole server — storage, rooms, the sync endpoint and
 * the HTTP API on one port — and returns a handle for tests and `main.ts`.
 */
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getSchema } from '@tiptap/core'
import { CLOSE_GOING_AWAY } from '../shared/protocol.ts'
import { createSchemaExtensions } from '../shared/schema.ts'
import { ActivityLog } from './activity/ActivityLog.ts'
import { createRequestHandler, createRouter } from './api/handleRequest.ts'
import { RateLimiter } from './api/RateLimiter.ts'
import type { Services } from './api/services.ts'
import { Authenticator } from './auth/Authenticator.ts'
import { LocalBus } from './cluster/Bus.ts'
import { LocalLocks } from './cluster/Locks.ts'
import { ThreadService } from './comments/ThreadService.ts'
import { type AdminBootstrap, ensureAdmin } from './firstStart.ts'
import { createLogger } from './log.ts'
import { Metrics } from './metrics/Metrics.ts'
import { DEFAULTS, type ServerOptions } from './options.ts'
import { PeopleService } from './people/PeopleService.ts'
import { LowdbStorage } from './persistence/lowdb/LowdbStorage.ts'
import { ProposalService } from './proposals/ProposalService.ts'
import { createReaching } from './reaching.ts'
import { Rooms } from './rooms/Rooms.ts'
import { OutdatedThreads } from './rounds/OutdatedThreads.ts'
import { PositionService } from './rounds/PositionService.ts'
import { ResponseService } from './rounds/ResponseService.ts'
import { RoundReports } from './rounds/RoundReports.ts'
import { RoundService } from './rounds/RoundService.ts'
import { VersionPassages } from './rounds/VersionPassages.ts'
import { SchemaRules } from './structure/SchemaRules.ts'
import type { Connection } from './transport/Connection.ts'
import { startHeartbeat } from './transport/heartbeat.ts'
import { SyncEndpoint } from './transport/syncEndpoint.ts'
import { VersionService } from './versions/VersionService.ts'
import { WorkerPool } from './workers/WorkerPool.ts'

export type { ServerOptions } from './options.ts'

export interface RunningServer {
  port: number
  /** `http://HOST:PORT` */
  url: string
  admin: AdminBootstrap
  /** Stops accepting, closes sockets (1001), writes everything, releases files. */
  close(): Promise<void>
  services: Services
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** True for an address only this machine can reach. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

export async function createServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? DEFAULTS.dataDir)
  const log = options.log ?? createLogger()
  const { cluster } = options
  const storage =
    cluster?.storage ??
    options.storage ??
    new LowdbStorage({ dataDir, log, fsyncDelayMs: options.fsyncDelayMs ?? DEFAULTS.fsyncDelayMs })
  await storage.open()

  const schema = getSchema(createSchemaExtensions())
  const metrics = new Metrics()
  let proposals: ProposalService | null = null
  let threads: ThreadService | null = null
  let versions: VersionService | null = null
  let rounds: RoundService | null = null
  const bus = cluster?.bus ?? options.bus ?? new LocalBus()
  const rooms = new Rooms({
    storage,
    bus,
    log: log.child('rooms'),
    rules: SchemaRules.for(schema),
    idleUnloadMs: options.idleUnloadMs ?? DEFAULTS.idleUnloadMs,
    compactAfterBytes: options.compactAfterBytes ?? DEFAULTS.compactAfterBytes,
    maxDocumentBytes: options.maxDocumentBytes ?? DEFAULTS.maxDocumentBytes,
    awarenessFlushMs: options.awarenessFlushMs ?? DEFAULTS.awarenessFlushMs,
    coldBuildDelayMs: options.coldBuildDelayMs ?? DEFAULTS.coldBuildDelayMs,
    metrics,
    onUnloaded: (id) => {
      cluster?.roomUnloaded(id)
      threads?.forget(id)
      rounds?.forget(id)
    },
    onLoaded: (room) => cluster?.roomLoaded(room),
    onRemoteChange: (id) => threads?.textChanged(id),
    onTextChanged: (id, personId) => {
      proposals?.touch(id)
      threads?.textChanged(id)
      versions?.textChanged(id, personId)
    },
  })
  cluster?.attach(rooms)
  // Versions never change: their passages are read once, for R6 and for rounds alike.
  const versionPassages = new VersionPassages(storage)
  const activity = new ActivityLog(storage, log.child('activity'))
  threads = new ThreadService(storage, rooms, {
    log: log.child('comments'),
    anchorDelayMs: options.anchorDelayMs ?? DEFAULTS.anchorDelayMs,
    anchorSliceMs: options.anchorSliceMs ?? DEFAULTS.anchorSliceMs,
    schema,
    outdated: new OutdatedThreads(storage, versionPassages),
  })
  proposals = new ProposalService(
    storage,
    rooms,
    schema,
    options.touchFlushMs ?? DEFAULTS.touchFlushMs,
    {
      openThreads: (id) => threads.openCount(id),
      newForYou: (viewer, id) => threads.unreadCount(viewer, id),
    },
    activity,
  )
  const proposalService = proposals
  rounds = new RoundService(storage, rooms, versionPassages, activity, {
    shared: bus.shared,
    locks: cluster?.locks ?? new LocalLocks(),
    setStatus: (editor, proposal, status) => proposalService.update(editor, proposal, { status }),
  })
  const responses = new ResponseService(storage, rounds)
  versions = new VersionService(storage, rooms, {
    log: log.child('versions'),
    schema,
    autoVersionAfterMs: options.autoVersionAfterMs ?? DEFAULTS.autoVersionAfterMs,
  })
  await proposals.createInitial()

  const authenticator = new Authenticator(storage, options.adminToken)
  const rateLimit = options.rateLimit ?? DEFAULTS.rateLimit
  const maxSocketsPerPerson = options.maxSocketsPerPerson ?? DEFAULTS.maxSocketsPerPerson
  const maxSocketsPerAddress = options.maxSocketsPerAddress ?? DEFAULTS.maxSocketsPerAddress
  const clusterLimits = cluster?.limits(rateLimit, maxSocketsPerPerson, maxSocketsPerAddress)
  const workers =
    options.workers ??
    new WorkerPool({
      size: options.workerThreads ?? DEFAULTS.workerThreads,
      maxQueued: options.maxQueuedJobs ?? DEFAULTS.maxQueuedJobs,
      heapMb: options.workerHeapMb ?? DEFAULTS.workerHeapMb,
      log: log.child('workers'),
    })
  const reaching = await createReaching(options, {
    storage,
    rounds,
    locks: cluster?.locks ?? new LocalLocks(),
    log,
    dataDir,
    owner: bus.instanceId,
    sharedLimiter: cluster ? (rate) => cluster.limiter(rate) : undefined,
  })
  const services: Services = {
    storage,
    authenticator,
    rateLimiter: clusterLimits?.rateLimiter ?? new RateLimiter(rateLimit),
    rooms,
    log: log.child('api'),
    people: new PeopleService(storage, rooms),
    proposals,
    threads,
    versions,
    activity,
    rounds,
    positions: new PositionService(storage, rounds),
    responses,
    roundReports: new RoundReports(
      storage,
      rounds,
      responses,
      options.memorandumGapMs ?? DEFAULTS.memorandumGapMs,
    ),
    metrics,
    schema,
    workers,
    maxImportUnpackedBytes: options.maxImportUnpackedBytes ?? DEFAULTS.maxImportUnpackedBytes,
    connections: () => connections.size,
    publicUrl: (headers) => options.publicUrl ?? `http://${headers.host ?? `${host}:${port}`}`,
    ...reaching.services,
  }
  const connections = new Set<Connection>()
  const sync = new SyncEndpoint({
    authenticator,
    storage,
    rooms,
    log: log.child('sync'),
    connections,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
    messageBudgetMs: options.messageBudgetMs ?? DEFAULTS.messageBudgetMs,
    metrics,
    maxSocketsPerPerson,
    maxSocketsPerAddress,
    socketCounts: clusterLimits?.socketCounts,
  })
  const staticDir =
    options.staticDir === undefined ? join(repositoryRoot, 'dist', 'editor') : options.staticDir
  const http = createHttpServer(createRequestHandler(createRouter(), services, staticDir))
  http.on('upgrade', (request, socket, head) => {
    if (!sync.handleUpgrade(request, socket, head)) socket.destroy()
  })
  const stopHeartbeat = startHeartbeat(connections, options.heartbeatMs ?? DEFAULTS.heartbeatMs)

  const host = options.host ?? DEFAULTS.host
  await new Promise<void>((done, fail) => {
    http.once('error', fail)
    http.listen(options.port ?? DEFAULTS.port, host, () => done())
  })
  const port = (http.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  reaching.start(url)

  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= (async () => {
      stopHeartbeat()
      threads.anchoring.stop()
      metrics.stop()
      const stopped = new Promise<void>((done) => http.close(() => done()))
      sync.close(CLOSE_GOING_AWAY, 'server_shutdown')
      http.closeAllConnections()
      await stopped
      // What is queued stays queued: the next start sends it.
      await reaching.close()
      // Pending automatic versions are saved now rather than lost.
      await versions.flush()
      await rooms.closeAll()
      await proposals.flushTouched()
      await storage.close()
      await workers.close()
    })()
    return closing
  }
  // After listening: the administrator's link names the real port.
  const admin = await ensureAdmin(
    storage,
    dataDir,
    options.adminToken,
    options.publicUrl ?? url,
  ).catch(async (error: unknown) => {
    await close()
    throw error
  })
  if (!options.publicUrl && !isLoopback(host)) {
    log.warn(
      'PUBLIC_URL is not set: invitation links are built from the Host header of each request, over http://; set PUBLIC_URL to the address people open',
      { host },
    )
  }
  return { port, url, admin, close, services }
}
