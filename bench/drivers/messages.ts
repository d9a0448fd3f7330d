/**
 * What the harness and its driver processes say to each other over the IPC channel.
 * Every request carries an id; the driver answers once with the same id.
 */
import type { HistogramData } from '../lib/Histogram.ts'
import type { Endpoint } from './client.ts'

/** A typing client: global index, Yjs client id, where it connects and which block it edits. */
export interface TypistSpec {
  client: number
  clientId: number
  room: number
  endpoint: Endpoint
  block: number
  /**
   * A reader types nothing: `full` is a Y.Doc with the provider as the editor runs it
   * (its own presence only), `light` speaks just the sync protocol and keeps no document.
   * Undefined for a writer.
   */
  reader?: 'full' | 'light'
  /** Publish only the client's own presence, as the editor does (sendOwnAwarenessOnly). */
  editorAwareness?: boolean
  /** Local address to connect from (127.x.y.z), so one address never holds too many sockets. */
  localAddress?: string
}

/** The shared schedule of one measured run; times are ns on the shared monotonic clock. */
export interface Schedule {
  seed: number
  t0: number
  /** Time between two edits of one client. */
  intervalNs: number
  /** Clients in the whole run (all drivers); client g starts at t0 + g·interval/clients. */
  clients: number
  /** Edits per client. */
  edits: number
  /** How far each edit strays from its beat, as a share of the interval (0–0.8). */
  jitter: number
  /** Latencies count for edits scheduled in [windowStart, windowEnd). */
  windowStart: number
  windowEnd: number
  /** Send an awareness caret after every keystroke, as Tiptap's CollaborationCaret does. */
  carets: boolean
  /** Yjs client id of client g is clientIdBase + g. */
  clientIdBase: number
  /** Room index of every client g. */
  roomOf: number[]
  /** Awareness clock of every client after `arm` (carets only). */
  awarenessBase: number[]
}

/** A document to write into a room before a run. */
export interface SeedSpec {
  endpoint: Endpoint
  clientId: number
  paragraphs: number
  chars: number
  seed: number
}

export type Request =
  | { op: 'seed'; seeds: SeedSpec[] }
  | { op: 'connect'; typists: TypistSpec[]; timeoutMs: number }
  | { op: 'releaseSeeds' }
  | { op: 'arm'; carets: boolean }
  | { op: 'start'; schedule: Schedule }
  | { op: 'sent' }
  | { op: 'collect'; drainMs: number; sentAt: SentTimes }
  | { op: 'open'; group: string; clients: Array<{ endpoint: Endpoint; clientId: number }> }
  | { op: 'close'; group: string }
  | { op: 'push'; endpoint: Endpoint; clientId: number; updatesFile: string; timeoutMs: number }
  | { op: 'join'; endpoint: Endpoint; clientId: number; stateVector: string; timeoutMs: number }
  | { op: 'reset' }

export type Envelope = Request & { id: number }

export interface Reply {
  id: number
  ok: boolean
  result?: unknown
  error?: string
}

/** When every edit of each client went out: client → ns on the shared clock per edit. */
export type SentTimes = Record<number, number[]>

/** What a driver measured in one run. */
export interface DriverRunResult {
  /** Edit latency: sent → applied at another client of the room, µs. */
  latency: HistogramData
  /** The same from the scheduled keystroke, so including the driver's own send lag, µs. */
  latencyFromSchedule: HistogramData
  /** The same, at readers only (clients that type nothing), µs. */
  readerLatency: HistogramData
  /** Frames and bytes the light readers received over the measured window, all together. */
  readerFrames: number
  readerBytes: number
  readers: number
  /** Caret latency: keystroke sent → awareness applied at another client, µs. */
  caretLatency: HistogramData
  /** How late this driver sent its edits against the schedule, µs. */
  sendLag: HistogramData
  /** Deliveries of every sent edit to every other client of its room: expected / seen. */
  expected: number
  received: number
  /** Edits sent while the client's socket was not open (y-websocket drops them until resync). */
  sentOffline: number
  sent: number
  /** This driver's own CPU time and event-loop delay over the window. */
  cpuUs: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  /** Close codes (with reasons) seen by this driver's clients during the run, counted. */
  closeCodes: Record<string, number>
}

/** Per room, the number of blocks before the seeded heading (the server may add its own). */
export interface SeedResult {
  blockOffsets: number[]
}

export interface JoinResult {
  /** Socket open, first sync answer, and the full state present, ms after the client was created. */
  openMs: number
  syncedMs: number
  fullMs: number
  bytes: number
}

export interface PushResult {
  updates: number
  sendMs: number
  confirmMs: number
}
