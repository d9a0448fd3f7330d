/**
 * Follows the Redis streams of the proposals this instance holds: one blocking
 * XREAD over all of them, on a connection of its own. Entries other instances
 * accepted are handed to `onEntry` (the room applies them and tells its
 * sockets); this instance's own entries only move the position on. A proposal
 * taken up later interrupts the read (CLIENT UNBLOCK) so it is followed at once.
 */
import type { Redis } from 'ioredis'
import type { Logger } from '../log.ts'
import { decodeEntry, type StreamEntry, streamKey } from './streamEntries.ts'
import { formatStreamId, type StreamId } from './streamIds.ts'

export interface StreamFollowerOptions {
  /** A connection used only for the blocking read. */
  reader: Redis
  /** Another connection, to interrupt the reader. */
  commands: Redis
  instanceId: string
  log: Logger
  onEntry: (proposalId: string, entry: StreamEntry) => void
}

export class StreamFollower {
  readonly #options: StreamFollowerOptions
  readonly #positions = new Map<string, StreamId>()
  #readerId: number | null = null
  #running = true
  #wake: (() => void) | null = null
  readonly #done: Promise<void>

  constructor(options: StreamFollowerOptions) {
    this.#options = options
    this.#done = this.#loop()
  }

  /** Starts following a proposal after `from` (the last entry its room already holds). */
  follow(proposalId: string, from: StreamId): void {
    this.#positions.set(proposalId, from)
    this.#interrupt()
  }

  unfollow(proposalId: string): void {
    this.#positions.delete(proposalId)
  }

  /** The id up to which every entry of the proposal's stream has been applied here. */
  positionOf(proposalId: string): StreamId | null {
    return this.#positions.get(proposalId) ?? null
  }

  #interrupt(): void {
    if (this.#wake) {
      this.#wake()
      return
    }
    if (this.#readerId !== null) {
      this.#options.commands.client('UNBLOCK', this.#readerId).catch(() => {})
    }
  }

  async #loop(): Promise<void> {
    const { reader, log } = this.#options
    this.#readerId = Number(await reader.client('ID'))
    while (this.#running) {
      const followed = [...this.#positions]
      if (followed.length === 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve
        })
        this.#wake = null
        continue
      }
      try {
        const keys = followed.map(([id]) => streamKey(id))
        const ids = followed.map(([, position]) => formatStreamId(position))
        const result = await reader.xreadBuffer(
          'COUNT',
          1000,
          'BLOCK',
          5000,
          'STREAMS',
          ...keys,
          ...ids,
        )
        for (const [key, entries] of (result ?? []) as Array<[Buffer, Array<[Buffer, Buffer[]]>]>) {
          const proposalId = key.toString().slice('ms:doc:'.length)
          this.#deliver(proposalId, entries)
        }
      } catch (error) {
        if (!this.#running) break
        // UNBLOCK answers the read with an error on some versions: just read again.
        if (!String(error).includes('UNBLOCKED')) {
          log.error('following streams failed', { error: String(error) })
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }
    }
  }

  #deliver(proposalId: string, entries: Array<[Buffer, Buffer[]]>): void {
    for (const [id, fields] of entries) {
      // Unfollowed meanwhile: the room has gone; it reads the stream afresh when loaded.
      if (!this.#positions.has(proposalId)) return
      const entry = decodeEntry(id, fields)
      if (entry.instanceId !== this.#options.instanceId) this.#options.onEntry(proposalId, entry)
      this.#positions.set(proposalId, entry.id)
    }
  }

  async close(): Promise<void> {
    this.#running = false
    this.#interrupt()
    this.#options.reader.disconnect()
    await this.#done.catch(() => {})
  }
}
