/**
 * A server under test as a child process: started with the probe preloaded, ready when
 * it prints `listening on http://HOST:PORT` (contract P3), stopped with SIGTERM (P5).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { LoopDelay, MemoryUsage } from './BenchServer.ts'

const PROBE = pathToFileURL(fileURLToPath(new URL('./probe.ts', import.meta.url))).href
const READY = /listening on (http:\/\/[^\s]+)/

export interface ServerProcessOptions {
  /** The script to run, e.g. `sync-server/main.ts`. */
  script: string
  env: Record<string, string>
  cwd: string
  /** Prefix of the lines the server logs that the harness echoes (errors only by default). */
  label: string
  startTimeoutMs?: number
  /** Write a V8 CPU profile into this folder when the process exits (`--cpu-prof`). */
  profileDir?: string
}

export class ServerProcess {
  private child: ChildProcess | undefined
  private nextProbe = 1
  private readonly waiting = new Map<number, (value: unknown) => void>()
  /** The last lines the server wrote, for error messages. */
  private readonly tail: string[] = []
  url = ''

  constructor(private readonly options: ServerProcessOptions) {}

  get pid(): number {
    return this.child?.pid ?? -1
  }

  /** Starts the process; resolves with the ms it took until it was listening. */
  start(): Promise<number> {
    const started = Date.now()
    const profile = this.options.profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${this.options.profileDir}`]
      : []
    const child = spawn(
      process.execPath,
      [...profile, '--expose-gc', '--import', 'tsx', '--import', PROBE, this.options.script],
      {
        cwd: this.options.cwd,
        env: { ...process.env, ...this.options.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    )
    this.child = child
    // a harness that dies (Ctrl-C, a timeout) must not leave servers behind
    const kill = (): void => {
      child.kill('SIGKILL')
    }
    process.once('exit', kill)
    child.once('exit', () => process.off('exit', kill))
    child.on('message', (message: { probeReply?: number; result?: unknown }) => {
      const resolve = message.probeReply ? this.waiting.get(message.probeReply) : undefined
      if (resolve) {
        this.waiting.delete(message.probeReply!)
        resolve(message.result)
      }
    })
    const remember = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue
        this.tail.push(line)
        if (this.tail.length > 40) this.tail.shift()
      }
    }
    child.stderr?.on('data', remember)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`${this.options.label} did not start:\n${this.tail.join('\n')}`))
      }, this.options.startTimeoutMs ?? 60_000)
      child.stdout?.on('data', (chunk: Buffer) => {
        remember(chunk)
        const match = READY.exec(chunk.toString())
        if (match && !this.url) {
          clearTimeout(timer)
          this.url = match[1]!
          resolve(Date.now() - started)
        }
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(
          new Error(
            `${this.options.label} exited (${code ?? signal}) before listening:\n${this.tail.join('\n')}`,
          ),
        )
      })
    })
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (or signal). */
  stop(graceMs = 10_000): Promise<string> {
    const child = this.child
    this.url = ''
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve('not running')
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        resolve(String(code ?? signal))
      })
      child.kill('SIGTERM')
    })
  }

  /**
   * Stops the process and starts it again on the same port, so clients' addresses stay
   * valid; resolves with the ms until it listened again.
   */
  async restart(): Promise<number> {
    const port = new URL(this.url).port
    await this.stop()
    this.options.env = { ...this.options.env, PORT: port }
    return this.start()
  }

  /** The last lines the server printed. */
  recentOutput(): string {
    return this.tail.join('\n')
  }

  private probe<T>(probe: 'loop-reset' | 'loop' | 'memory'): Promise<T> {
    const child = this.child
    if (!child?.connected) return Promise.reject(new Error(`${this.options.label} is not running`))
    const id = this.nextProbe++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`probe ${probe} timed out`)), 30_000)
      this.waiting.set(id, (value) => {
        clearTimeout(timer)
        resolve(value as T)
      })
      child.send({ probe, id })
    })
  }

  loopDelay(): Promise<LoopDelay> {
    return this.probe('loop')
  }

  async resetLoopDelay(): Promise<void> {
    await this.probe('loop-reset')
  }

  memory(): Promise<MemoryUsage> {
    return this.probe('memory')
  }
}
