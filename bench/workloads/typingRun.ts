/**
 * The measured core shared by the typing, carets, saturation and persistence workloads:
 * rooms seeded with a document, writers typing on a shared schedule from the driver
 * processes, and the server watched from outside over the measured window.
 */
import { randomInt } from 'node:crypto'
import type {
  DriverRunResult,
  Schedule,
  SeedResult,
  SentTimes,
  TypistSpec,
} from '../drivers/messages.ts'
import { nowNs, sleepUntil } from '../lib/clock.ts'
import { Histogram } from '../lib/Histogram.ts'
import {
  childPids,
  cpuTimeOfUs,
  cpuTimeUs,
  directoryBytes,
  machineBusyUs,
  residentBytes,
  storageWriteBytes,
} from '../lib/proc.ts'
import type { BenchServer, LoopDelay } from '../servers/BenchServer.ts'
import type { Context } from './context.ts'

export interface TypingShape {
  rooms: number
  clientsPerRoom: number
  /** Edits per second, all clients together. */
  rate: number
  warmupS: number
  windowS: number
  carets: boolean
  /** The document each room starts with. */
  paragraphs: number
  chars: number
  /** Readers per room (they type nothing): light ones without a document, full ones with. */
  readers?: { light: number; full: number }
  /** How far each keystroke strays from its beat, as a share of the interval (0: in step). */
  jitter?: number
  /** Clients publish only their own presence, as the editor does (else y-websocket's default). */
  editorAwareness?: boolean
}

export interface TypingResult {
  rate: number
  editsInWindow: number
  latencyP50Ms: number
  latencyP99Ms: number
  latencyP999Ms: number
  latencyMaxMs: number
  /** p99 from the scheduled keystroke instead of the actual send (adds the drivers' lag). */
  scheduledP99Ms: number
  caretP50Ms: number
  caretP99Ms: number
  /** Edit latency at the readers only (NaN without readers). */
  readerP50Ms: number
  readerP99Ms: number
  /** Frames a light reader received per second, on average over the window. */
  readerFramesPerS: number
  readerBytesPerS: number
  /** Deliveries that never arrived (every edit to every other client of its room). */
  lost: number
  deliveries: number
  /** CPU of the server's processes (all instances of a cluster) per edit. */
  serverCpuUsPerEdit: number
  serverCpuShare: number
  /** Share of a core of each instance (one entry for a single server). */
  instanceCpuShares: number[]
  /** CPU per edit of each service the server stores in (PostgreSQL, Redis), by name. */
  backingCpuUsPerEdit: Record<string, number>
  serverRssBytes: number
  dataBytesPerEdit: number
  storageBytesPerEdit: number
  serverLoop: LoopDelay
  sendLagP99Ms: number
  sendLagMaxMs: number
  driverCpuShare: number
  driverLoopP99Ms: number
  /** CPU that processes other than the server, the drivers and the harness used (cores). */
  otherCpuShare: number
  /** Why the run does not count (a driver fell behind its schedule), if it does not. */
  behind: string | undefined
  closeCodes: Record<string, number>
  setupMs: number
}

/** Driver of the typist with index j in room r: rooms are split across drivers. */
function driverOf(room: number, j: number, drivers: number): number {
  return (room + j) % drivers
}

/** One run against an already started server. */
export async function runTyping(
  ctx: Context,
  server: BenchServer,
  shape: TypingShape,
): Promise<TypingResult> {
  try {
    return await measure(ctx, server, shape)
  } finally {
    // whatever happened, the drivers start the next run empty
    await ctx.pool.all({ op: 'reset' })
  }
}

async function measure(
  ctx: Context,
  server: BenchServer,
  shape: TypingShape,
): Promise<TypingResult> {
  const { pool } = ctx
  const setupStarted = Date.now()
  const drivers = pool.size
  const proposals = await server.createProposals(shape.rooms)
  const clients = shape.rooms * shape.clientsPerRoom
  // writer g = j·rooms + r, so consecutive slots of the schedule go to different rooms
  const endpoints = await server.writers([
    ...proposals,
    ...Array.from({ length: clients }, (_, g) => proposals[g % shape.rooms]!),
  ])
  const clientIdBase = randomInt(1_000_000, 1_000_000_000)
  const seeds: SeedResult[] = (await pool.each<SeedResult>(
    Array.from({ length: drivers }, (_, d) => {
      const rooms = proposals.map((_, r) => r).filter((r) => r % drivers === d)
      if (rooms.length === 0) return undefined
      return {
        op: 'seed',
        seeds: rooms.map((r) => ({
          endpoint: endpoints[r]!,
          clientId: clientIdBase - 1 - r,
          paragraphs: shape.paragraphs,
          chars: shape.chars,
          seed: r + 1,
        })),
      }
    }),
  )) as SeedResult[]
  const offsetOf = (room: number): number => {
    const d = room % drivers
    const index = Math.floor(room / drivers)
    return seeds[d]?.blockOffsets[index] ?? 0
  }
  const roomOf: number[] = []
  const perDriver: TypistSpec[][] = Array.from({ length: drivers }, () => [])
  for (let g = 0; g < clients; g++) {
    const room = g % shape.rooms
    const j = Math.floor(g / shape.rooms)
    roomOf.push(room)
    // blocks: the heading, then the paragraphs; typists spread over the paragraphs
    const paragraph = Math.floor(((j + 0.5) * shape.paragraphs) / shape.clientsPerRoom)
    // with readers, the writers have driver 0 to themselves: readers' bursts would delay their keystrokes
    perDriver[shape.readers ? 0 : driverOf(room, j, drivers)]!.push({
      client: g,
      clientId: clientIdBase + g,
      room,
      endpoint: endpoints[shape.rooms + g]!,
      block: offsetOf(room) + 1 + paragraph,
      editorAwareness: shape.editorAwareness,
    })
  }
  await pool.each(perDriver.map((typists) => ({ op: 'connect', typists, timeoutMs: 120_000 })))
  const readerSpecs = await readersOf(server, shape, proposals, clients, clientIdBase)
  if (readerSpecs.length > 0) {
    ctx.log(`connecting ${readerSpecs.length} readers`)
    // there are always two drivers at least (lib/options.ts): readers go to 1 … n−1
    await pool.each(
      Array.from({ length: drivers }, (_, d) =>
        d === 0
          ? undefined
          : {
              op: 'connect' as const,
              typists: readerSpecs.filter((_, i) => (i % (drivers - 1)) + 1 === d),
              timeoutMs: 300_000,
            },
      ),
    )
  }
  await pool.all({ op: 'releaseSeeds' })
  const bases = (
    await pool.all<Array<[number, number]>>({ op: 'arm', carets: shape.carets })
  ).flat()
  const awarenessBase: number[] = new Array(clients).fill(0)
  for (const [g, clock] of bases) awarenessBase[g] = clock
  const setupMs = Date.now() - setupStarted

  const intervalNs = (1e9 * clients) / shape.rate
  const edits = Math.ceil(((shape.warmupS + shape.windowS) * 1e9) / intervalNs)
  const t0 = nowNs() + 1e9
  const windowStart = t0 + shape.warmupS * 1e9
  const windowEnd = windowStart + shape.windowS * 1e9
  const schedule: Schedule = {
    seed: randomInt(1, 2 ** 31),
    t0,
    intervalNs,
    clients,
    edits,
    jitter: shape.jitter ?? 0,
    windowStart,
    windowEnd,
    carets: shape.carets,
    clientIdBase,
    roomOf,
    awarenessBase,
  }
  await pool.all({ op: 'start', schedule })

  await sleepUntil(windowStart)
  const dataDir = server.dataDir
  // everything this benchmark runs: harness, drivers, the server and their helpers
  const ours = (): number => {
    const harness = process.cpuUsage()
    return harness.user + harness.system + cpuTimeOfUs(childPids())
  }
  const pids = [...server.pids]
  const sum = (read: (pid: number) => number) => pids.reduce((total, pid) => total + read(pid), 0)
  // a database forks and ends backends; its processes are looked up at both ends
  const backing = () => server.backing.map((service) => service.cpuUs())
  const readings = () => ({
    cpu: sum(cpuTimeUs),
    instances: pids.map(cpuTimeUs),
    backing: backing(),
    data: dataDir ? directoryBytes(dataDir) : 0,
    storage: sum(storageWriteBytes),
    ours: ours(),
    machine: machineBusyUs(),
  })
  const before = readings()
  await server.resetLoopDelay()
  if (ctx.options.profileDir) {
    // for bench/profile.ts --window: V8 stamps its profiles on this same clock
    ctx.log(`measured window (monotonic ms): ${windowStart / 1e6}-${windowEnd / 1e6}`)
  }
  await sleepUntil(windowEnd)
  const after = { ...readings(), rss: sum(residentBytes) }
  const serverLoop = await server.loopDelay()
  const sentAt: SentTimes = Object.assign({}, ...(await pool.all<SentTimes>({ op: 'sent' })))
  const results = await pool.all<DriverRunResult>({ op: 'collect', drainMs: 10_000, sentAt })
  const names = server.backing.map((service) => service.name)
  return summarise(ctx, shape, results, { before, after, serverLoop, setupMs, names })
}

/**
 * The readers of every room: light ones first, then full ones, each from an address of
 * its own (127.0.x.y), as people at an assembly connect from their own devices.
 */
async function readersOf(
  server: BenchServer,
  shape: TypingShape,
  proposals: string[],
  writers: number,
  clientIdBase: number,
): Promise<TypistSpec[]> {
  const perRoom = shape.readers ? shape.readers.light + shape.readers.full : 0
  if (perRoom === 0) return []
  const rooms = proposals.flatMap((id) => Array.from({ length: perRoom }, () => id))
  const endpoints = await (server.readers ?? server.writers)(rooms)
  return endpoints.map((endpoint, i) => {
    const index = i % perRoom
    const client = writers + i
    return {
      client,
      clientId: clientIdBase + client,
      room: Math.floor(i / perRoom),
      endpoint,
      block: 0,
      reader: index < shape.readers!.light ? 'light' : 'full',
      editorAwareness: true,
      localAddress: `127.0.${1 + Math.floor(i / 200)}.${1 + (i % 200)}`,
    }
  })
}

/** What the harness reads at both ends of the measured window. */
interface Readings {
  cpu: number
  instances: number[]
  backing: number[]
  data: number
  storage: number
  ours: number
  machine: number
}

function summarise(
  ctx: Context,
  shape: TypingShape,
  results: DriverRunResult[],
  server: {
    before: Readings
    after: Readings & { rss: number }
    serverLoop: LoopDelay
    setupMs: number
    /** Names of the backing services, in the order of `Readings.backing`. */
    names: string[]
  },
): TypingResult {
  const latency = new Histogram()
  const scheduled = new Histogram()
  const caret = new Histogram()
  const lag = new Histogram()
  const reader = new Histogram()
  for (const result of results) {
    latency.merge(result.latency)
    reader.merge(result.readerLatency)
    scheduled.merge(result.latencyFromSchedule)
    caret.merge(result.caretLatency)
    lag.merge(result.sendLag)
  }
  const ms = (us: number): number => us / 1000
  const editsInWindow = Math.round(shape.rate * shape.windowS)
  const expected = results.reduce((sum, r) => sum + r.expected, 0)
  const received = results.reduce((sum, r) => sum + r.received, 0)
  const sendLagP99Ms = ms(lag.percentile(0.99))
  const sendLagMaxMs = ms(lag.max)
  const { maxLagP99Ms, maxLagMs } = ctx.options
  let behind: string | undefined
  if (sendLagP99Ms > maxLagP99Ms || sendLagMaxMs > maxLagMs) {
    behind = `driver send lag p99 ${sendLagP99Ms.toFixed(1)} ms, max ${sendLagMaxMs.toFixed(1)} ms (bounds ${maxLagP99Ms} / ${maxLagMs} ms)`
  }
  const offline = results.reduce((sum, r) => sum + r.sentOffline, 0)
  if (offline > 0) behind = `${behind ? `${behind}; ` : ''}${offline} edits typed while offline`
  const windowUs = shape.windowS * 1e6
  return {
    rate: shape.rate,
    editsInWindow,
    latencyP50Ms: ms(latency.percentile(0.5)),
    latencyP99Ms: ms(latency.percentile(0.99)),
    latencyP999Ms: ms(latency.percentile(0.999)),
    latencyMaxMs: ms(latency.max),
    scheduledP99Ms: ms(scheduled.percentile(0.99)),
    caretP50Ms: ms(caret.percentile(0.5)),
    caretP99Ms: ms(caret.percentile(0.99)),
    readerP50Ms: ms(reader.percentile(0.5)),
    readerP99Ms: ms(reader.percentile(0.99)),
    readerFramesPerS: perLightReader(results, (r) => r.readerFrames) / shape.windowS,
    readerBytesPerS: perLightReader(results, (r) => r.readerBytes) / shape.windowS,
    lost: expected - received,
    deliveries: expected,
    serverCpuUsPerEdit: (server.after.cpu - server.before.cpu) / editsInWindow,
    serverCpuShare: (server.after.cpu - server.before.cpu) / windowUs,
    instanceCpuShares: server.after.instances.map(
      (cpu, i) => (cpu - (server.before.instances[i] ?? 0)) / windowUs,
    ),
    backingCpuUsPerEdit: Object.fromEntries(
      server.names.map((name, i) => [
        name,
        ((server.after.backing[i] ?? 0) - (server.before.backing[i] ?? 0)) / editsInWindow,
      ]),
    ),
    serverRssBytes: server.after.rss,
    dataBytesPerEdit: (server.after.data - server.before.data) / editsInWindow,
    storageBytesPerEdit: (server.after.storage - server.before.storage) / editsInWindow,
    serverLoop: server.serverLoop,
    sendLagP99Ms,
    sendLagMaxMs,
    driverCpuShare: results.reduce((sum, r) => sum + r.cpuUs, 0) / windowUs,
    driverLoopP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    otherCpuShare: Math.max(
      0,
      (server.after.machine - server.before.machine - (server.after.ours - server.before.ours)) /
        windowUs,
    ),
    behind,
    closeCodes: mergeCounts(results.map((r) => r.closeCodes)),
    setupMs: server.setupMs,
  }
}

/** A total of the light readers divided by their number (NaN without any). */
function perLightReader(results: DriverRunResult[], get: (r: DriverRunResult) => number): number {
  const light = results.reduce((sum, r) => sum + r.readers, 0)
  return light ? results.reduce((sum, r) => sum + get(r), 0) / light : Number.NaN
}

function mergeCounts(all: Array<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {}
  for (const counts of all) {
    for (const [key, n] of Object.entries(counts)) merged[key] = (merged[key] ?? 0) + n
  }
  return merged
}
