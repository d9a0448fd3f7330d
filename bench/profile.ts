/**
 * Where a server's CPU goes: summarises V8 CPU profiles (`npm run bench -- --cpu-prof DIR`
 * writes one per server process as it stops).
 *
 * `node --import tsx bench/profile.ts [--top 25] [--window FROM-TO] FILE.cpuprofile…`
 * prints, per file, the busy time (everything but idle) split by where the code lives
 * (a package under node_modules, a folder of the project, Node's internals, the garbage
 * collector), the functions with the most self time, and the project's functions with the
 * most total time (self plus what they call). `--window` keeps only the samples between
 * two moments on the machine's monotonic clock in ms, as the harness logs the measured
 * window of each run when profiling (V8 stamps profiles on the same clock).
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  /** Sampled time that was not idle, ms. */
  busyMs: number
  totalMs: number
  /** Self time by where the code lives, ms, largest first. */
  byPlace: Array<[string, number]>
  /** Self time by function, ms. */
  bySelf: Array<[string, number]>
  /** Total (inclusive) time of the project's functions, ms. */
  byTotal: Array<[string, number]>
}

const PROJECT = fileURLToPath(new URL('..', import.meta.url))

/** Where a frame's code lives: `yjs`, `sync-server/rooms`, `node:internal`, `(garbage collector)`… */
export function placeOf(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '')
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)'
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (modules) return modules[1]!
  if (url.startsWith('node:')) return 'node:internal'
  if (url.startsWith(PROJECT)) {
    const parts = url.slice(PROJECT.length).split('/')
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.join('/')
  }
  return url
}

function nameOf(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '')
  const where = url.startsWith(PROJECT)
    ? url.slice(PROJECT.length)
    : (/node_modules\/(.*)$/.exec(url)?.[1] ?? url)
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`
}

const isProject = (frame: CallFrame): boolean =>
  frame.url.replace(/^file:\/\//, '').startsWith(PROJECT) && !frame.url.includes('/node_modules/')

/** Sums a profile's samples, optionally only those between `fromMs` and `toMs` (monotonic clock). */
export function summarise(profile: CpuProfile, fromMs = 0, toMs = Infinity): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const self = new Map<string, number>()
  const place = new Map<string, number>()
  const total = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, ms: number) =>
    map.set(key, (map.get(key) ?? 0) + ms)
  let at = profile.startTime / 1000
  let busyMs = 0
  let totalMs = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const deltaMs = (profile.timeDeltas[i] ?? 0) / 1000
    at += deltaMs
    if (at < fromMs || at > toMs) continue
    // a sample's time is the gap to the next one, the usual attribution
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    const node = nodes.get(profile.samples[i]!)
    if (!node) continue
    totalMs += ms
    if (node.callFrame.functionName === '(idle)') continue
    busyMs += ms
    add(self, nameOf(node.callFrame), ms)
    add(place, placeOf(node.callFrame), ms)
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id)!.callFrame
      if (!isProject(frame)) continue
      const key = nameOf(frame)
      if (seen.has(key)) continue
      seen.add(key)
      add(total, key, ms)
    }
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1])
  return {
    busyMs,
    totalMs,
    byPlace: sorted(place),
    bySelf: sorted(self),
    byTotal: sorted(total),
  }
}

function print(file: string, summary: ProfileSummary, top: number): void {
  const share = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1).padStart(5)} %`
  const line = ([key, ms]: [string, number]) =>
    `  ${ms.toFixed(0).padStart(7)} ms ${share(ms)}  ${key}`
  console.log(
    `${basename(file)}: busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms sampled`,
  )
  console.log('By place (self time):')
  for (const entry of summary.byPlace.slice(0, top)) console.log(line(entry))
  console.log('By function (self time):')
  for (const entry of summary.bySelf.slice(0, top)) console.log(line(entry))
  console.log("The project's functions (total time, with what they call):")
  for (const entry of summary.byTotal.slice(0, top)) console.log(line(entry))
  console.log('')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '25' },
      window: { type: 'string' },
    },
  })
  const [from, to] = values.window ? values.window.split('-').map(Number) : [0, Infinity]
  for (const file of positionals) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
    print(file, summarise(profile, from, to), Number(values.top))
  }
}
