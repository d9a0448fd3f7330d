/**
 * The embedded implementations of the smaller stores: threads, versions, rounds
 * and positions, activity, visits. Records that only grow (positions, activity)
 * are JSON lines appended one at a time; Yjs state of versions is a binary file
 * per version, never JSON.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { StorageError } from '../../errors.ts'
import { writeFileAtomic } from '../atomicFile.ts'
import { decodeSnapshot, encodeSnapshot } from '../documentFiles.ts'
import type {
  ActivityRecord,
  ActivityStore,
  PositionRecord,
  RecordChange,
  ResponseRecord,
  RoundRecord,
  RoundStore,
  ThreadRecord,
  ThreadStore,
  VersionContent,
  VersionRecord,
  VersionStore,
  VisitStore,
} from '../Storage.ts'
import { CollectionsByProposal } from './CollectionsByProposal.ts'
import { JsonCollection } from './JsonCollection.ts'
import { JsonLines } from './JsonLines.ts'

export class LowdbThreadStore implements ThreadStore {
  readonly collections: CollectionsByProposal<ThreadRecord>
  constructor(dir: string) {
    this.collections = new CollectionsByProposal(dir)
  }
  async list(proposalId: string) {
    return (await this.collections.of(proposalId)).all()
  }
  async listReadOnly(proposalId: string) {
    return (await this.collections.of(proposalId)).shared()
  }
  async get(proposalId: string, threadId: string) {
    return (await this.collections.of(proposalId)).get(threadId)
  }
  async put(thread: ThreadRecord) {
    await (await this.collections.of(thread.proposalId)).put(thread)
  }
  async change(proposalId: string, threadId: string, apply: RecordChange<ThreadRecord>) {
    return (await this.collections.of(proposalId)).change(threadId, apply)
  }
  async remove(proposalId: string, threadId: string, check?: (current: ThreadRecord) => void) {
    await (await this.collections.of(proposalId)).remove(threadId, check)
  }
}

export class LowdbVersionStore implements VersionStore {
  readonly #dir: string
  readonly collections: CollectionsByProposal<VersionRecord>
  constructor(dir: string) {
    this.#dir = dir
    this.collections = new CollectionsByProposal(dir)
  }
  #contentPath(proposalId: string, versionId: string) {
    return join(this.#dir, proposalId, `${versionId}.bin`)
  }
  async list(proposalId: string) {
    const all = (await this.collections.of(proposalId)).all()
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
  }
  async get(proposalId: string, versionId: string) {
    return (await this.collections.of(proposalId)).get(versionId)
  }
  async create(record: VersionRecord, content: VersionContent) {
    await mkdir(join(this.#dir, record.proposalId), { recursive: true })
    // Content first: a record never points at a missing file.
    await writeFileAtomic(this.#contentPath(record.proposalId, record.id), encodeSnapshot(content))
    await (await this.collections.of(record.proposalId)).put(record)
  }
  async content(proposalId: string, versionId: string): Promise<VersionContent | undefined> {
    const path = this.#contentPath(proposalId, versionId)
    let data: Buffer
    try {
      data = await readFile(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    try {
      return decodeSnapshot(data)
    } catch (error) {
      throw new StorageError(path, (error as Error).message)
    }
  }
  async remove(proposalId: string, versionId: string) {
    const collection = await this.collections.of(proposalId)
    const record = collection.get(versionId)
    if (!record?.auto) return
    await collection.remove(versionId)
    await rm(this.#contentPath(proposalId, versionId), { force: true })
  }
}

/** The JSON lines files of a round: its positions, and the VNG's responses. */
const ROUND_LINES = { positions: '.positions.jsonl', responses: '.responses.jsonl' } as const

export class LowdbRoundStore implements RoundStore {
  readonly #dir: string
  readonly collections: CollectionsByProposal<RoundRecord>
  readonly #files = new Map<string, JsonLines<unknown>>()
  constructor(dir: string) {
    this.#dir = dir
    this.collections = new CollectionsByProposal(dir)
  }
  #file<T>(proposalId: string, roundId: string, kind: keyof typeof ROUND_LINES): JsonLines<T> {
    const path = join(this.#dir, proposalId, `${roundId}${ROUND_LINES[kind]}`)
    let lines = this.#files.get(path)
    if (!lines) {
      lines = new JsonLines<unknown>(path)
      this.#files.set(path, lines)
    }
    return lines as JsonLines<T>
  }
  #lines(proposalId: string, roundId: string) {
    return this.#file<PositionRecord>(proposalId, roundId, 'positions')
  }
  async list(proposalId: string) {
    return (await this.collections.of(proposalId)).all()
  }
  async get(proposalId: string, roundId: string) {
    return (await this.collections.of(proposalId)).get(roundId)
  }
  async put(round: RoundRecord) {
    await (await this.collections.of(round.proposalId)).put(round)
  }
  addPosition(proposalId: string, position: PositionRecord) {
    return this.#lines(proposalId, position.roundId).append(position)
  }
  positions(proposalId: string, roundId: string) {
    return this.#lines(proposalId, roundId).read()
  }
  addResponse(proposalId: string, response: ResponseRecord) {
    return this.#file<ResponseRecord>(proposalId, response.roundId, 'responses').append(response)
  }
  responses(proposalId: string, roundId: string) {
    return this.#file<ResponseRecord>(proposalId, roundId, 'responses').read()
  }
  /** Reads every positions and responses file (P6). */
  async verifyAll() {
    await this.collections.verifyAll()
    for (const entry of await readdir(this.#dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      for (const name of await readdir(join(this.#dir, entry.name))) {
        for (const [kind, ending] of Object.entries(ROUND_LINES)) {
          if (!name.endsWith(ending)) continue
          const roundId = name.slice(0, -ending.length)
          await this.#file(entry.name, roundId, kind as keyof typeof ROUND_LINES).read()
        }
      }
    }
  }
}

export class LowdbActivityStore implements ActivityStore {
  readonly #dir: string
  readonly #files = new Map<string, JsonLines<ActivityRecord>>()
  constructor(dir: string) {
    this.#dir = dir
  }
  #lines(proposalId: string | null) {
    const name = proposalId ?? '_algemeen'
    let lines = this.#files.get(name)
    if (!lines) {
      lines = new JsonLines(join(this.#dir, `${name}.jsonl`))
      this.#files.set(name, lines)
    }
    return lines
  }
  append(record: ActivityRecord) {
    return this.#lines(record.proposalId).append(record)
  }
  async list(proposalId: string | null, limit: number) {
    const all = await this.#lines(proposalId).read()
    return all.reverse().slice(0, limit)
  }
  async verifyAll() {
    await mkdir(this.#dir, { recursive: true })
    for (const name of await readdir(this.#dir)) {
      if (name.endsWith('.jsonl'))
        await this.#lines(name === '_algemeen.jsonl' ? null : name.slice(0, -6)).read()
    }
  }
}

interface VisitRecord {
  id: string
  at: string
}

export class LowdbVisitStore implements VisitStore {
  readonly collection: JsonCollection<VisitRecord>
  constructor(path: string) {
    this.collection = new JsonCollection(path)
  }
  async get(personId: string, proposalId: string) {
    return this.collection.get(`${personId}/${proposalId}`)?.at ?? null
  }
  put(personId: string, proposalId: string, at: string) {
    return this.collection.put({ id: `${personId}/${proposalId}`, at })
  }
}
