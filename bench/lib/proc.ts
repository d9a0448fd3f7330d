/**
 * What the harness reads about a server from outside: CPU time, resident memory and
 * bytes written, all from /proc, so the servers need no cooperation.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

let ticksPerSecond: number | undefined

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** User + system CPU time of a process (all its threads) in microseconds. */
export function cpuTimeUs(pid: number): number {
  const [utime, stime] = cpuTicks(pid)
  return ((utime + stime) / clockTicks()) * 1e6
}

/** Like cpuTimeUs, plus the CPU of its children that have exited and been waited for. */
function cpuTimeWithReapedUs(pid: number): number {
  const [utime, stime, cutime, cstime] = cpuTicks(pid)
  return ((utime + stime + cutime + cstime) / clockTicks()) * 1e6
}

/** utime, stime, cutime and cstime of a process, in clock ticks. */
function cpuTicks(pid: number): [number, number, number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // the command name may contain spaces; the fields after its closing parenthesis do not
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return [Number(fields[11]), Number(fields[12]), Number(fields[13]), Number(fields[14])]
}

/** Resident set size of a process in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) * 1024 : Number.NaN
}

/** Bytes a process has caused to be written to storage (`write_bytes`), NaN if unreadable. */
export function storageWriteBytes(pid: number): number {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8')
    const match = /write_bytes:\s+(\d+)/.exec(io)
    return match ? Number(match[1]) : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** Total size in bytes of the regular files below `dir` (0 when it does not exist). */
export function directoryBytes(dir: string): number {
  let total = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of entries) {
    const path = join(dir, name)
    try {
      const stat = statSync(path)
      total += stat.isDirectory() ? directoryBytes(path) : stat.size
    } catch {
      // a file removed while we walk (compaction) simply no longer counts
    }
  }
  return total
}

/** CPU time the whole machine spent busy (all cores, everything but idle and iowait), µs. */
export function machineBusyUs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!
  const [, ...values] = line.trim().split(/\s+/)
  const ticks = values.map(Number)
  const total = ticks.slice(0, 8).reduce((sum, n) => sum + n, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return ((total - idle) / clockTicks()) * 1e6
}

/** Process ids of every descendant of this process (servers, drivers and their helpers). */
export function childPids(root: number = process.pid): number[] {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = children.get(ppid) ?? []
      list.push(Number(name))
      children.set(ppid, list)
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = []
  const queue = [...(children.get(root) ?? [])]
  while (queue.length > 0) {
    const pid = queue.shift()!
    found.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return found
}

/** User + system CPU of several processes together, µs; those that have exited count 0. */
export function cpuTimeOfUs(pids: readonly number[]): number {
  let total = 0
  for (const pid of pids) {
    try {
      total += cpuTimeUs(pid)
    } catch {
      // exited meanwhile
    }
  }
  return total
}

/**
 * CPU of a process and its descendants so far, µs, counting descendants that have
 * exited too (a database's backends come and go): the root's own time and that of
 * its reaped children, plus the living descendants'. 0 once the root is gone.
 */
export function treeCpuTimeUs(root: number | null | undefined): number {
  if (!root) return 0
  try {
    return cpuTimeWithReapedUs(root) + cpuTimeOfUs(childPids(root))
  } catch {
    return 0
  }
}

/** Descendants of this process whose command name is `comm` and whose command line holds `text`. */
export function findDescendants(comm: string, text: string): number[] {
  return childPids().filter((pid) => {
    try {
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
      const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
      return name === comm && line.includes(text)
    } catch {
      return false
    }
  })
}
