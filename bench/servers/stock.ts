/**
 * Adapter for the reference server: rooms are plain names, nobody needs a token.
 */
import { fileURLToPath } from 'node:url'
import type { Endpoint } from '../drivers/client.ts'
import type { BenchServer, StartOptions } from './BenchServer.ts'
import { ServerProcess } from './ServerProcess.ts'

const SCRIPT = fileURLToPath(new URL('./stockServer.ts', import.meta.url))
let rooms = 0

/** Starts the stock y-websocket server in memory on a free port. */
export async function startStock(options: StartOptions = {}): Promise<BenchServer> {
  const process = new ServerProcess({
    script: SCRIPT,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { PORT: '0', HOST: '127.0.0.1', ...options.env },
    label: 'stock server',
    profileDir: options.profileDir,
  })
  await process.start()
  const wsBase = (): string => process.url.replace(/^http/, 'ws')
  return {
    kind: 'stock',
    get pid() {
      return process.pid
    },
    get pids() {
      return [process.pid]
    },
    backing: [],
    dataDir: undefined,
    async createProposals(count) {
      return Array.from({ length: count }, () => `bench-${++rooms}`)
    },
    async writers(proposals): Promise<Endpoint[]> {
      return proposals.map((room) => ({ serverUrl: wsBase(), room, params: {} }))
    },
    async readers(proposals): Promise<Endpoint[]> {
      return proposals.map((room) => ({ serverUrl: wsBase(), room, params: {} }))
    },
    loopDelay: () => process.loopDelay(),
    resetLoopDelay: () => process.resetLoopDelay(),
    memory: () => process.memory(),
    restart: () => process.restart(),
    async stop() {
      await process.stop()
    },
  }
}
