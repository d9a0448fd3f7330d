/**
 * Versions of a long proposal: save, read and compare (contract V1–V3).
 *
 * Starts the real server in this process, lets four writers build a 15,000-word
 * proposal over a long editing history through real y-websocket clients (typing,
 * deleting, retyping passages and heading changes that rebuild blocks), saves
 * versions over HTTP and times, on the server: saving, reading a version, and
 * comparing — cold (version decoded from storage) and warm. The one-word edit
 * made last must come back as one change of one word.
 *
 * `node --import tsx bench/versions.ts [--words 15000] [--edits 20000] [--runs 20]`
 * prints a table and one JSON line; `runVersionsBench()` returns the same numbers.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getSchema } from '@tiptap/core'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createSchemaExtensions } from '../shared/schema.ts'
import { createLogger } from '../sync-server/log.ts'
import { createServer } from '../sync-server/server.ts'
import { VersionService } from '../sync-server/versions/VersionService.ts'
import { numberFlag, type Timing, timed, timingLine, until } from './lib/timing.ts'

export interface VersionsBenchOptions {
  /** Words in the proposal. @default 15000 */
  words?: number
  /** Edits in the history before the first version. @default 20000 */
  edits?: number
  /** Timed repetitions of each measurement. @default 20 */
  runs?: number
}

export type { Timing }

export interface VersionsBenchResult {
  words: number
  blocks: number
  updates: number
  stateBytes: number
  authorshipBytes: number
  save: Timing
  readCold: Timing
  readWarm: Timing
  compareCold: Timing
  compareWarm: Timing
  compareVersions: Timing
  oneWordChanges: Array<{ type: string; text: string }>
  goalMet: boolean
}

const PROPOSAL = 'voorstel-1'
const WORDS = (
  'gemeenten nemen het voortouw in de grote transities energie klimaat stikstof ' +
  'woningnood bestaanszekerheid regio provincie rijk samen werken aan uitvoering ' +
  'inwoners ondernemers vereniging strategie leden omkering praktijk dagelijks leven'
).split(' ')

/** A small seeded generator, so every run edits the same way. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function prose(words: number, next: () => number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')
}

function blocksOf(doc: Y.Doc): Y.XmlElement[] {
  return doc.getXmlFragment('default').toArray() as Y.XmlElement[]
}

/** One edit as a person makes it: type a word, delete one, retype a passage, or change a heading. */
function edit(doc: Y.Doc, next: () => number): void {
  const blocks = blocksOf(doc)
  const index = Math.floor(next() * blocks.length)
  const block = blocks[index]!
  const text = block.get(0) as Y.XmlText
  const value = text.toString()
  const space = value.indexOf(' ', Math.floor(next() * value.length))
  const at = space < 0 ? 0 : space + 1
  const kind = next()
  if (kind < 0.38) text.insert(at, `${WORDS[Math.floor(next() * WORDS.length)]} `)
  else if (kind < 0.85) {
    const end = value.indexOf(' ', at)
    if (end > at && value.length > 200) text.delete(at, end - at + 1)
  } else if (kind < 0.97) {
    const end = value.indexOf(' ', at + 20)
    if (end > at) {
      text.delete(at, end - at)
      text.insert(at, prose(4, next))
    }
  } else {
    // What y-tiptap does on a type change: the block is rebuilt with the same text.
    const heading = block.nodeName === 'heading'
    const rebuilt = new Y.XmlElement(heading ? 'paragraph' : 'heading')
    if (!heading) rebuilt.setAttribute('level', 2 as unknown as string)
    const blockId = block.getAttribute('blockId')
    if (blockId) rebuilt.setAttribute('blockId', blockId)
    rebuilt.insert(0, [new Y.XmlText(value)])
    doc.getXmlFragment('default').delete(index, 1)
    doc.getXmlFragment('default').insert(index, [rebuilt])
  }
}

function countWords(doc: Y.Doc): number {
  let count = 0
  for (const block of blocksOf(doc))
    count += (block.get(0) as Y.XmlText).toString().split(/\s+/).filter(Boolean).length
  return count
}

/** Runs the benchmark and returns its numbers. */
export async function runVersionsBench(
  options: VersionsBenchOptions = {},
): Promise<VersionsBenchResult> {
  const { words = 15_000, edits = 20_000, runs = 20 } = options
  const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-bench-versions-'))
  const adminToken = randomBytes(24).toString('base64url')
  const server = await createServer({
    port: 0,
    dataDir,
    adminToken,
    staticDir: null,
    log: createLogger({ level: 'error' }),
    rateLimit: { burst: 100_000, perSecond: 100_000 },
    idleUnloadMs: 600_000,
  })
  const clients: WebsocketProvider[] = []
  try {
    const api = async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
      return (await response.json()) as T
    }
    const tokens: string[] = []
    for (const name of ['Anna', 'Bram', 'Carla', 'Daan']) {
      tokens.push(
        (await api<{ token: string }>('/api/invites', { name, role: 'writer', proposals: '*' }))
          .token,
      )
    }
    for (const token of tokens) {
      const provider = new WebsocketProvider(
        `${server.url.replace('http', 'ws')}/sync`,
        PROPOSAL,
        new Y.Doc(),
        {
          params: { token },
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        },
      )
      // Events of type 100 (a version saved) are the editor's business, not the writers'.
      provider.messageHandlers[100] = () => undefined
      clients.push(provider)
    }
    await until(() => clients.every((c) => c.synced), 'the writers to connect', 120_000)
    const room = await server.services.rooms.get(PROPOSAL)
    const settled = () =>
      until(
        () => {
          const target = Y.encodeStateVector(room.doc).toString()
          return clients.every((c) => Y.encodeStateVector(c.doc).toString() === target)
        },
        'the edits to reach everyone',
        120_000,
      )

    const next = random(2030)
    const first = clients[0]!.doc
    const paragraphs = Math.ceil(words / 100)
    for (let i = 0; i < paragraphs; i++) {
      first.transact(() => {
        const block = new Y.XmlElement('paragraph')
        block.insert(0, [new Y.XmlText(`${prose(Math.min(100, words - i * 100), next)}.`)])
        first.getXmlFragment('default').insert(i, [block])
      })
    }
    await settled()
    let updates = paragraphs
    for (let round = 0; round < edits; round += 500) {
      const writer = clients[(round / 500) % clients.length]!
      for (let i = 0; i < Math.min(500, edits - round); i++)
        writer.doc.transact(() => edit(writer.doc, next))
      updates += Math.min(500, edits - round)
      await settled()
    }

    const proposal = (await server.services.storage.proposals.get(PROPOSAL))!
    const v1 = await api<{ id: string }>(`/api/proposals/${PROPOSAL}/versions`, { name: 'Eerste' })
    for (let i = 0; i < 2000; i++) clients[1]!.doc.transact(() => edit(clients[1]!.doc, next))
    await settled()
    const admin = (await server.services.authenticator.authenticate(adminToken))!
    const save = await timed(Math.min(runs, 10), () =>
      server.services.versions.save(admin, proposal, { name: 'Tussenstand' }),
    )
    const v2 = await api<{ id: string }>(`/api/proposals/${PROPOSAL}/versions`, { name: 'Tweede' })
    const text = blocksOf(clients[2]!.doc)[paragraphs >> 1]!.get(0) as Y.XmlText
    text.insert(text.toString().indexOf(' ') + 1, 'eenmalig ')
    await settled()

    // A service of its own per run has no decoded versions in memory: the cold case.
    const schema = getSchema(createSchemaExtensions())
    const fresh = () =>
      new VersionService(server.services.storage, server.services.rooms, {
        log: createLogger({ level: 'error' }),
        schema,
        autoVersionAfterMs: 3_600_000,
      })
    const service = server.services.versions
    const readCold = await timed(runs, () => fresh().read(proposal, v1.id))
    const readWarm = await timed(runs, () => service.read(proposal, v1.id))
    const compareCold = await timed(runs, () => fresh().diff(proposal, v2.id, 'current'))
    const compareWarm = await timed(runs, () => service.diff(proposal, v2.id, 'current'))
    const compareVersions = await timed(runs, () => service.diff(proposal, v1.id, v2.id))
    const oneWord = await service.diff(proposal, v2.id, 'current')
    const stateBytes = Y.encodeStateAsUpdate(room.doc).length
    const oneWordChanges = oneWord.changes.map(({ type, text }) => ({ type, text }))
    return {
      words: countWords(room.doc),
      blocks: blocksOf(room.doc).length,
      updates,
      stateBytes,
      authorshipBytes: room.authorship.encode().length,
      save,
      readCold,
      readWarm,
      compareCold,
      compareWarm,
      compareVersions,
      oneWordChanges,
      goalMet:
        compareCold.median < 200 &&
        oneWordChanges.length === 1 &&
        oneWordChanges[0]!.text === 'eenmalig ',
    }
  } finally {
    for (const client of clients) {
      client.destroy()
      // The document's awareness keeps a timer: destroying the document ends it.
      client.doc.destroy()
    }
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const line = (label: string, t: Timing) => timingLine(label, t, 44)
  const args = process.argv.slice(2)
  const options: VersionsBenchOptions = {}
  const words = numberFlag(args, 'words')
  const edits = numberFlag(args, 'edits')
  const runs = numberFlag(args, 'runs')
  if (words) options.words = words
  if (edits) options.edits = edits
  if (runs) options.runs = runs
  const result = await runVersionsBench(options)
  console.log(
    `Versions of a ${result.words}-word proposal in ${result.blocks} blocks after ${result.updates} updates ` +
      `(state ${(result.stateBytes / 1024).toFixed(0)} KiB, authorship ${(result.authorshipBytes / 1024).toFixed(0)} KiB)`,
  )
  console.log(`${'server time'.padEnd(44)} ${'median'.padStart(11)} ${'p95'.padStart(11)}`)
  console.log(line('save a version', result.save))
  console.log(line('read a version (decoded from storage)', result.readCold))
  console.log(line('read a version (decoded before)', result.readWarm))
  console.log(line('compare version with now (cold)', result.compareCold))
  console.log(line('compare version with now (warm)', result.compareWarm))
  console.log(line('compare two versions 2,000 edits apart', result.compareVersions))
  console.log(`one-word edit found as: ${JSON.stringify(result.oneWordChanges)}`)
  console.log(
    `goal (compare under 200 ms, the one word as one change): ${result.goalMet ? 'met' : 'NOT met'}`,
  )
  console.log(JSON.stringify({ bench: 'versions', ...result }))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
