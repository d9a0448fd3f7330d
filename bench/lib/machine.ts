/** Where and with what the numbers were taken, for the report's header lines. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function packageVersion(name: string): string {
  try {
    const text = readFileSync(`${ROOT}/node_modules/${name}/package.json`, 'utf8')
    return (JSON.parse(text) as { version: string }).version
  } catch {
    return '?'
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()
  } catch {
    return '?'
  }
}

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  kernel: string
  node: string
  versions: Record<string, string>
  commit: string
  loadAtStart: number
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    kernel: release(),
    node: process.version,
    versions: Object.fromEntries(
      ['yjs', 'y-websocket', 'y-protocols', '@y/websocket-server', 'ws'].map((name) => [
        name,
        packageVersion(name),
      ]),
    ),
    commit: commit(),
    loadAtStart: loadavg()[0] ?? 0,
  }
}

/** One line: CPU model, cores, RAM, Node and library versions, commit. */
export function machineLine(machine: Machine): string {
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  return (
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB RAM, Linux ${machine.kernel}; ` +
    `Node ${machine.node.replace(/^v/, '')}, ${versions}; commit ${machine.commit}; ` +
    `load average ${machine.loadAtStart.toFixed(2)} at start`
  )
}
