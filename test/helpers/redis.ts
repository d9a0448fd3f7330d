/**
 * A throwaway Redis from Debian's packages (`redis-server`), for the cluster
 * tests and benchmark: its own folder, a free loopback port, appendonly on (the
 * cluster refuses a Redis that keeps nothing across a crash).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isCi } from './postgres.ts'

export interface TestRedis {
  url: string
  port: number
  stop(): Promise<void>
}

/** The redis-server binary, or null when it is not installed. */
export function findRedisServer(): string | null {
  try {
    return execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

/** Why cluster tests cannot run here, or null. Under CI a missing Redis is an error. */
export function redisSkipReason(): string | null {
  if (findRedisServer()) return null
  if (isCi()) throw new Error('Redis is not installed (apt-get install -y redis-server)')
  return 'redis-server is not installed (apt-get install -y redis-server)'
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export async function startRedis(options: { appendonly?: boolean } = {}): Promise<TestRedis> {
  const binary = findRedisServer()
  if (!binary) throw new Error('redis-server is not installed')
  const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-redis-'))
  const port = await freePort()
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      options.appendonly === false ? 'no' : 'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout!.on('data', (chunk) => {
    output += chunk
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis did not start:\n${output}`)), 10_000)
    const check = () => {
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      } else setTimeout(check, 20)
    }
    child.once('exit', (code) => reject(new Error(`redis exited (${code}):\n${output}`)))
    check()
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      await rm(dir, { recursive: true, force: true })
    },
  }
}
