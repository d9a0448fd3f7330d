/**
 * Many people download the memorandum as DOCX at once (the evening a round closes),
 * while someone types: the server's event loop is watched over the whole burst. Runs
 * inside runRoundsBench, whose server lives in this process, so the loop measured is
 * the server's own; the downloads come from a process of their own
 * (`downloadClients.ts`), so their client work is not counted; a writer types five
 * keystrokes a second meanwhile over a real socket.
 */
import { spawn } from 'node:child_process'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { RunningServer } from '../sync-server/server.ts'
import { nowNs } from './lib/clock.ts'
import { type Timing, timingOf, until } from './lib/timing.ts'

export interface DownloadBurst {
  downloads: number
  /** Answers by HTTP status (200, and 503 server_busy when the export pool is full). */
  statuses: Record<number, number>
  /** Each download from request to last byte, ms. */
  each: Timing
  totalMs: number
  loopP99Ms: number
  loopMaxMs: number
  keystrokes: number
  /** The burst on the machine's monotonic clock, ms: `bench/profile.ts --window FROM-TO`. */
  window: [fromMs: number, toMs: number]
}

/** Fires `count` downloads of `path` at once and types meanwhile into `proposal`. */
export async function downloadBurst(
  server: RunningServer,
  token: string,
  proposal: string,
  path: string,
  count: number,
): Promise<DownloadBurst> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(
    `${server.url.replace('http', 'ws')}/sync`,
    proposal,
    doc,
    {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  )
  provider.messageHandlers[100] = () => undefined
  await until(() => provider.synced, 'the typist to connect')
  const text = doc.getXmlFragment('default').get(1) as Y.XmlElement
  const typing = text.get(0) as Y.XmlText
  let keystrokes = 0
  const typist = setInterval(() => {
    typing.insert(0, 'a')
    keystrokes++
  }, 200)
  const clients = await downloadClients(`${server.url}${path}`, token, count)
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const started = performance.now()
  const fromMs = nowNs() / 1e6
  const { statuses, each } = await clients.go()
  const totalMs = performance.now() - started
  const toMs = nowNs() / 1e6
  loop.disable()
  clearInterval(typist)
  provider.destroy()
  doc.destroy()
  return {
    downloads: count,
    statuses,
    each: timingOf(each),
    totalMs,
    // the histogram counts from tick to tick: the delay is what exceeds the 5 ms tick
    loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - 5),
    loopMaxMs: Math.max(0, loop.max / 1e6 - 5),
    keystrokes,
    window: [fromMs, toMs],
  }
}

/** The downloading process, loaded and waiting; `go` fires the downloads and gives their answers. */
async function downloadClients(url: string, token: string, count: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./downloadClients.ts', import.meta.url)),
      JSON.stringify({ url, token, count }),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout })
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve)
      child.once('exit', (code) => reject(new Error(`the download clients stopped (${code})`)))
    })
  await next()
  return {
    async go(): Promise<{ statuses: Record<number, number>; each: number[] }> {
      const answer = next()
      child.stdin.write('go\n')
      return JSON.parse(await answer)
    },
  }
}
