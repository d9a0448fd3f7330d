/**
 * A driver process: hosts benchmark clients and does what the harness asks over IPC.
 * Started by DriverPool with `fork`; never run by hand.
 */
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { nowNs, pollUntil } from '../lib/clock.ts'
import { blockCount, writeDocument } from '../lib/content.ts'
import { type BenchClient, covers, openClient, waitSynced } from './client.ts'
import { LightReader } from './LightReader.ts'
import type {
  Envelope,
  JoinResult,
  PushResult,
  Reply,
  Request,
  SeedResult,
  SeedSpec,
  TypistSpec,
} from './messages.ts'
import { TypingRun } from './TypingRun.ts'
import { Typist } from './Typist.ts'

// every provider adds a process 'exit' listener; a driver holds hundreds of them
process.setMaxListeners(0)

const groups = new Map<string, BenchClient[]>()
let typists: Typist[] = []
let lightReaders: LightReader[] = []
let run: TypingRun | undefined

function closeGroup(name: string): void {
  for (const client of groups.get(name) ?? []) client.destroy()
  groups.delete(name)
}

async function seed(seeds: SeedSpec[]): Promise<SeedResult> {
  const clients = seeds.map((spec) => openClient(spec.endpoint, spec.clientId))
  groups.set('seeds', [...(groups.get('seeds') ?? []), ...clients])
  await Promise.all(clients.map((client) => waitSynced(client, 60_000)))
  const blockOffsets = clients.map((client, i) => {
    const offset = blockCount(client.doc)
    writeDocument(client.doc, seeds[i]!)
    return offset
  })
  return { blockOffsets }
}

async function connect(specs: TypistSpec[], timeoutMs: number): Promise<number> {
  const started = Date.now()
  const fresh: Array<Typist | LightReader> = specs.map((spec) => {
    if (spec.reader === 'light') {
      const reader = new LightReader(spec)
      lightReaders.push(reader)
      return reader
    }
    const typist = new Typist(spec)
    typists.push(typist)
    return typist
  })
  const codesOf = (one: Typist | LightReader) =>
    one instanceof LightReader ? one.closeCodes : one.client.closeCodes
  const refusedFor = () => fresh.flatMap(codesOf).find((code) => /^44\d\d/.test(code))
  const ok = await pollUntil(
    () => refusedFor() !== undefined || fresh.every((typist) => typist.isReady()),
    timeoutMs,
    50,
  )
  const refusal = refusedFor()
  if (refusal) {
    const count = fresh.filter((one) => codesOf(one).length > 0).length
    throw new Error(
      `the server closed ${count} of ${fresh.length} clients while connecting: ${refusal}`,
    )
  }
  if (!ok) {
    const waiting = fresh.filter((typist) => !typist.isReady())
    const codes = [...new Set(waiting.flatMap(codesOf))]
    throw new Error(
      `${waiting.length} of ${fresh.length} clients not ready in ${timeoutMs} ms` +
        (codes.length ? ` (close codes ${codes.join(', ')})` : ''),
    )
  }
  return Date.now() - started
}

async function push(request: Extract<Request, { op: 'push' }>): Promise<PushResult> {
  const file = readFileSync(request.updatesFile)
  const pusher = openClient(request.endpoint, request.clientId)
  await waitSynced(pusher, request.timeoutMs)
  const started = Date.now()
  let updates = 0
  let target = new Map<number, number>()
  for (let at = 0; at < file.length; ) {
    const length = file.readUInt32LE(at)
    Y.applyUpdate(pusher.doc, file.subarray(at + 4, at + 4 + length))
    at += 4 + length
    updates++
    // let the socket drain instead of queueing the whole trace in memory
    const ws = pusher.provider.ws as unknown as { bufferedAmount: number } | null
    if (ws && ws.bufferedAmount > 1 << 22) {
      await pollUntil(() => ws.bufferedAmount < 1 << 20, request.timeoutMs, 5)
    }
    if (!pusher.provider.wsconnected) refused(pusher)
  }
  const ws = pusher.provider.ws as unknown as { bufferedAmount: number } | null
  await pollUntil(() => !ws || ws.bufferedAmount === 0, request.timeoutMs, 5)
  const sendMs = Date.now() - started
  target = Y.decodeStateVector(Y.encodeStateVector(pusher.doc))
  refused(pusher)
  // the server handles a socket's frames in order, so the close comes after the last update;
  // one socket at a time also keeps this step independent of how presence is handled
  pusher.destroy()
  const verifier = openClient(request.endpoint, request.clientId + 1)
  try {
    const ok = await pollUntil(() => covers(verifier.doc, refused(verifier)), request.timeoutMs, 20)
    if (!ok) throw new Error(`server did not confirm the pushed updates in ${request.timeoutMs} ms`)
    return { updates, sendMs, confirmMs: Date.now() - started }
  } finally {
    verifier.destroy()
  }

  /** Throws when the server refused the client for good (4400–4499); else `target`. */
  function refused(client: BenchClient): Map<number, number> {
    const final = client.closeCodes.find((code) => /^44\d\d/.test(code))
    if (final) throw new Error(`server closed the client: ${final}`)
    return target
  }
}

async function join(request: Extract<Request, { op: 'join' }>): Promise<JoinResult> {
  const target = Y.decodeStateVector(Buffer.from(request.stateVector, 'base64'))
  const started = nowNs()
  const ms = (): number => (nowNs() - started) / 1e6
  const client = openClient(request.endpoint, request.clientId)
  const result: JoinResult = {
    openMs: Number.NaN,
    syncedMs: Number.NaN,
    fullMs: Number.NaN,
    bytes: 0,
  }
  client.provider.on('status', ({ status }) => {
    if (status === 'connected' && Number.isNaN(result.openMs)) result.openMs = ms()
  })
  client.provider.on('sync', (synced: boolean) => {
    if (synced && Number.isNaN(result.syncedMs)) result.syncedMs = ms()
  })
  const full = new Promise<void>((resolve) => {
    client.doc.on('update', (update: Uint8Array) => {
      result.bytes += update.length
      if (covers(client.doc, target)) resolve()
    })
    // a refusal (4400–4499) is final: stop waiting
    client.provider.on('connection-close', (event) => {
      if (event && event.code >= 4400 && event.code < 4500) resolve()
    })
  })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, request.timeoutMs)
  })
  await Promise.race([full, timeout])
  clearTimeout(timer)
  if (covers(client.doc, target)) result.fullMs = ms()
  client.destroy()
  if (Number.isNaN(result.fullMs)) {
    const codes = client.closeCodes.length ? ` (closed: ${client.closeCodes.join(', ')})` : ''
    throw new Error(`join did not reach the full state in ${request.timeoutMs} ms${codes}`)
  }
  return result
}

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'seed':
      return seed(request.seeds)
    case 'connect':
      return connect(request.typists, request.timeoutMs)
    case 'releaseSeeds':
      closeGroup('seeds')
      return null
    case 'arm':
      return typists.map((typist) => [typist.spec.client, typist.announce()])
    case 'start':
      run?.stop()
      run = new TypingRun(request.schedule, typists, lightReaders)
      run.start()
      return null
    case 'sent':
      if (!run) throw new Error('sent before start')
      return run.sentTimes()
    case 'collect': {
      if (!run) throw new Error('collect before start')
      const result = await run.collect(request.drainMs, request.sentAt)
      run = undefined
      return result
    }
    case 'open': {
      const clients = request.clients.map((c) => openClient(c.endpoint, c.clientId))
      groups.set(request.group, [...(groups.get(request.group) ?? []), ...clients])
      await Promise.all(clients.map((client) => waitSynced(client, 120_000)))
      return null
    }
    case 'close':
      closeGroup(request.group)
      return null
    case 'push':
      return push(request)
    case 'join':
      return join(request)
    case 'reset':
      run?.stop()
      for (const name of [...groups.keys()]) closeGroup(name)
      for (const typist of typists) typist.destroy()
      for (const reader of lightReaders) reader.destroy()
      typists = []
      lightReaders = []
      run = undefined
      return null
  }
}

process.on('message', (message: Envelope) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies Reply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies Reply),
  )
})
process.on('disconnect', () => process.exit(0))
