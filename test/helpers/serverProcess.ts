/**
 * The server as its own process (`node --import tsx sync-server/main.ts`), for
 * what only a process can show: the lines it prints, SIGTERM, and kill -9.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface ServerProcess {
  child: ChildProcess
  url: string
  port: number
  /** Everything printed on stdout so far. */
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
}

/**
 * Starts the server with `env` added to this process's environment and waits
 * for its `listening on` line.
 * @throws when it exits before listening, with what it printed
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'sync-server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  child.stderr!.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<number | string>((done) => {
    child.once('exit', (code, signal) => done(code ?? signal ?? -1))
  })
  return new Promise((resolveStart, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(out)
      if (!match) return
      child.stdout!.off('data', onData)
      const url = match[1]!
      resolveStart({
        child,
        url,
        port: Number(new URL(url).port),
        stdout: () => out,
        stderr: () => err,
        exited,
      })
    }
    child.stdout!.on('data', onData)
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`)),
    )
  })
}

/** Runs the server until it exits on its own (for starts that must fail). */
export async function runServerUntilExit(env: Record<string, string>, timeoutMs = 20_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'sync-server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  child.stderr!.on('data', (chunk) => {
    out += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const code = await new Promise<number | string>((done) =>
    child.once('exit', (c, s) => done(c ?? s ?? -1)),
  )
  clearTimeout(timer)
  return { code, output: out }
}
