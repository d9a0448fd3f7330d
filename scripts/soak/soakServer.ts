/**
 * The server under soak as its own process (`node --import tsx sync-server/main.ts`),
 * and what the soak reads from outside it: resident memory from /proc, GET /metrics,
 * and POSTs to the API as the administrator. The heap is read through the
 * inspector (inspector.ts), whose address the server prints on start.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** The server as its own process, with the inspector on a free port for heap readings. */
export async function startSoakServer(options: {
  dataDir: string
  adminToken: string
  idleUnloadMs: number
}) {
  const { dataDir, adminToken } = options
  const child = spawn(
    process.execPath,
    ['--inspect=127.0.0.1:0', '--import', 'tsx', join(ROOT, 'sync-server', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        ADMIN_TOKEN: adminToken,
        LOG_LEVEL: 'warn',
        IDLE_UNLOAD_MS: String(options.idleUnloadMs),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A group of its own: Ctrl-C stops the load and this script stops the server.
      detached: true,
    },
  )
  process.once('exit', () => child.kill('SIGKILL'))
  let out = ''
  let err = ''
  const complaints: string[] = []
  const lines = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (/"level":"(warn|error)"/.test(line)) complaints.push(line.slice(0, 300))
    }
  }
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk
    lines(chunk)
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk
    lines(chunk)
  })
  const started = Date.now()
  while (!/listening on (\S+)/.test(out) || !/Debugger listening on (\S+)/.test(err)) {
    if (child.exitCode !== null || Date.now() - started > 60_000)
      throw new Error(`de server startte niet:\n${out}\n${err}`)
    await sleep(50)
  }
  const url = /listening on (\S+)/.exec(out)![1]!
  const inspector = /Debugger listening on (\S+)/.exec(err)![1]!
  return { child, url, inspector, complaints }
}

/** Resident memory of a process in bytes (VmRSS), NaN when it cannot be read. */
export function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** The numbers of GET /metrics (Prometheus text) by name, labels included. */
export async function readMetrics(base: string, token: string): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  try {
    const response = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    })
    for (const line of (await response.text()).split('\n')) {
      const match = /^(meeschrijven_[^\s]+) (\S+)$/.exec(line)
      if (match) found.set(match[1]!, Number(match[2]))
    }
  } catch {
    // A sample without metrics: the columns stay empty.
  }
  return found
}

/** POSTs as `token`, waiting out 429 answers. */
export async function post<T>(
  base: string,
  token: string,
  path: string,
  body: unknown,
): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (response.status === 429) {
      await sleep(1000 * Number(response.headers.get('retry-after') ?? 1))
      continue
    }
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
  throw new Error(`POST ${path}: te vaak 429`)
}

/** SIGTERM, and SIGKILL when it has not stopped within 10 s. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
